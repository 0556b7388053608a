/** The user stories in order: the sentence, the roadmap item and the acceptance criteria. */
import type { WorkshopReport } from '../../../shared/workshop-file/report'
import { useT } from '../i18n'
import { COLUMN_LABEL, PRIORITY_LABEL } from './labels'
import { Empty, Section } from './Section'

export function Stories({ stories }: { stories: WorkshopReport['stories'] }) {
  const t = useT()
  return (
    <Section id="stories" title={t('reportUserStories')}>
      {stories.length === 0 ? (
        <Empty>{t('reportNoStories')}</Empty>
      ) : (
        stories.map((entry) => {
          const { number, story, roadmapItem: item, criteria } = entry
          // The sentence is the team's text: it follows the workshop's language (meta.language),
          // as in the Markdown and the CSV, not the reader's.
          const sentence = entry.sentence
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
