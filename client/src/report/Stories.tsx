/** The user stories in order: the sentence, the roadmap item and the acceptance criteria. */
import type { ReportStory, WorkshopReport } from '../../../shared/workshop-file/report'
import { useLocale, useT, type Locale, type Translate } from '../i18n'
import { COLUMN_LABEL, PRIORITY_LABEL } from './labels'
import { Empty, Section } from './Section'

/** "As a claimant, I want …, so that …." — the Markdown report's sentence in English. */
function storyLine(t: Translate, locale: Locale, { sentence, parts }: ReportStory): string {
  if (locale === 'en') return sentence
  // "Als klant wil ik …, zodat …": no comma between the role and the wish.
  const { asA: role, iWant: want, soThat: why } = parts
  const head = [role && t('reportStoryAs', { role }), want && t('reportStoryWant', { want })].filter((part) => part).join(' ')
  const line = [head, why && t('reportStorySoThat', { why })].filter((part) => part)
  return line.length === 0 ? '' : `${line.join(', ')}.`
}

export function Stories({ stories }: { stories: WorkshopReport['stories'] }) {
  const t = useT()
  const locale = useLocale((s) => s.locale)
  return (
    <Section id="stories" title={t('reportUserStories')}>
      {stories.length === 0 ? (
        <Empty>{t('reportNoStories')}</Empty>
      ) : (
        stories.map((entry) => {
          const { number, story, roadmapItem: item, criteria } = entry
          const sentence = storyLine(t, locale, entry)
          return (
            <article key={story.id} className="report-story" aria-labelledby={`report-story-${story.id}`}>
              <h3 id={`report-story-${story.id}`}>{t('reportStoryHeading', { n: number, priority: t(PRIORITY_LABEL[story.priority]) })}</h3>
              <p className="report-sentence">{sentence || <em>{t('reportEmptyStory')}</em>}</p>
              {item && (
                <p className="report-muted">
                  {t(item.mvp ? 'reportStoryRoadmapMvp' : 'reportStoryRoadmap', {
                    title: item.title.trim() || t('reportUntitledItem'),
                    column: t(COLUMN_LABEL[item.column]),
                  })}
                </p>
              )}
              <h4>{t('reportAcceptance')}</h4>
              {criteria.length === 0 ? (
                <Empty>{t('reportNoAcceptance')}</Empty>
              ) : (
                <ul className="report-criteria">
                  {criteria.map((criterion, j) => (
                    <li key={j}>{criterion}</li>
                  ))}
                </ul>
              )}
            </article>
          )
        })
      )}
    </Section>
  )
}
