import type { SuitabilityQuestionnaire, SuitabilityStatus } from '@quanzi/contracts';
import { Button, CheckList, ProgressBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../shared/use-submit';
import { suitabilityApi, type Answers } from './suitability-api';

/** One question per screen: progress, the options, back and next (submit on the last one). */
export function QuestionStep({
  questionnaire,
  index,
  answers,
  onAnswer,
  onMove,
  onSubmitted,
  onRefused,
}: {
  questionnaire: SuitabilityQuestionnaire;
  index: number;
  answers: Answers;
  onAnswer: (questionId: string, optionId: string) => void;
  onMove: (index: number) => void;
  onSubmitted: (status: SuitabilityStatus) => void;
  onRefused: () => void;
}) {
  const { t } = useTranslation();
  const total = questionnaire.questions.length;
  const question = questionnaire.questions[index]!;
  const chosen = answers[question.id];
  const last = index === total - 1;
  const { submit, submitting, error } = useSubmit(async () => {
    try {
      onSubmitted(await suitabilityApi.submit(questionnaire, answers));
    } catch (err) {
      onRefused();
      throw err;
    }
  });

  return (
    <>
      <div className="card">
        <div className="muted" style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
          <span>{t('suitability.progress', { current: index + 1, total })}</span>
          <span>{Math.round(((index + 1) / total) * 100)}%</span>
        </div>
        <ProgressBar percent={((index + 1) / total) * 100} />
      </div>
      <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
        <h3 style={{ margin: 0, padding: '16px 16px 8px', fontSize: 17, lineHeight: 1.5 }} data-testid="suitability-question">
          {question.text}
        </h3>
        <CheckList value={chosen ? [chosen] : []} onChange={(v) => v[0] && onAnswer(question.id, String(v[0]))}>
          {question.options.map((o) => (
            <CheckList.Item key={o.id} value={o.id} data-testid={`suitability-option-${question.id}-${o.id}`}>
              {o.text}
            </CheckList.Item>
          ))}
        </CheckList>
      </div>
      {error && (
        <div className="error-text" role="alert" data-testid="suitability-error">
          {error}
        </div>
      )}
      <div style={{ display: 'flex', gap: 12, marginTop: 16 }}>
        {index > 0 && (
          <Button size="large" style={{ flex: 1 }} onClick={() => onMove(index - 1)} data-testid="suitability-prev">
            {t('suitability.prev')}
          </Button>
        )}
        {last ? (
          <Button
            color="primary"
            size="large"
            style={{ flex: 2 }}
            disabled={!chosen}
            loading={submitting}
            onClick={() => void submit()}
            data-testid="suitability-submit"
          >
            {t('suitability.submit')}
          </Button>
        ) : (
          <Button
            color="primary"
            size="large"
            style={{ flex: 2 }}
            disabled={!chosen}
            onClick={() => onMove(index + 1)}
            data-testid="suitability-next"
          >
            {t('suitability.next')}
          </Button>
        )}
      </div>
    </>
  );
}
