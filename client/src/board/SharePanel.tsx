/** The facilitator's invitation: the join code, its QR code and the links to copy. */
import { CopyField, JoinQr } from '../components'
import { useT } from '../i18n'
import type { ShareInfo } from '../shareInfo'

export function SharePanel({ share }: { share: ShareInfo }) {
  const t = useT()
  return (
    <section className="panel share-panel" aria-labelledby="share-heading">
      <h2 id="share-heading">{t('inviteHeading')}</h2>
      <p className="code big-code" aria-label={t('joinCode')}>
        {t('joinCode')}: <strong>{share.joinCode}</strong>
      </p>
      <JoinQr url={share.joinUrl} />
      <CopyField label={t('joinLink')} value={share.joinUrl} />
      <CopyField label={t('viewerLink')} value={share.viewerUrl} />
    </section>
  )
}
