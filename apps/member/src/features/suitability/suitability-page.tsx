import type { SuitabilityStatus } from '@quanzi/contracts';
import { NavBar } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { LoadState } from '../../shared/load-state';
import { useLoad } from '../../shared/use-load';
import { IntroView } from './intro-view';
import { safeNext } from './levels';
import { QuestionStep } from './question-step';
import { ResultView } from './result-view';
import { suitabilityApi, type Answers } from './suitability-api';

type Stage = { kind: 'intro' } | { kind: 'question'; index: number } | { kind: 'result'; status: SuitabilityStatus };

/**
 * 风险测评: why it is needed, one question per screen, then the level and what it allows. The
 * member returns to `?next=` (where they were about to invest), the invest tab by default.
 */
export function SuitabilityPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const status = useLoad(() => suitabilityApi.status());
  const questionnaire = useLoad(() => suitabilityApi.questionnaire());
  const [stage, setStage] = useState<Stage>({ kind: 'intro' });
  const [answers, setAnswers] = useState<Answers>({});

  const back = () => {
    if (stage.kind === 'question') setStage(stage.index > 0 ? { kind: 'question', index: stage.index - 1 } : { kind: 'intro' });
    else navigate(next);
  };
  const start = () => {
    setAnswers({});
    setStage({ kind: 'question', index: 0 });
  };
  const q = questionnaire.data;
  const s = status.data;
  const failed = !q || !s;

  return (
    <div className="page">
      <NavBar onBack={back} style={{ background: '#fff' }}>
        {t('suitability.title')}
      </NavBar>
      <div className="page-body">
        {failed ? (
          <LoadState
            loading={status.loading || questionnaire.loading}
            error={status.error ?? questionnaire.error}
            onRetry={() => {
              void status.reload();
              void questionnaire.reload();
            }}
          />
        ) : stage.kind === 'intro' ? (
          <IntroView status={s} questionCount={q.questions.length} onStart={start} />
        ) : stage.kind === 'question' ? (
          <QuestionStep
            questionnaire={q}
            index={stage.index}
            answers={answers}
            onAnswer={(questionId, optionId) => setAnswers((a) => ({ ...a, [questionId]: optionId }))}
            onMove={(index) => setStage({ kind: 'question', index })}
            onSubmitted={(result) => {
              status.setData(result);
              setStage({ kind: 'result', status: result });
            }}
            onRefused={() => void status.reload()}
          />
        ) : (
          <ResultView status={stage.status} onDone={() => navigate(next)} onRetake={() => setStage({ kind: 'intro' })} />
        )}
      </div>
    </div>
  );
}
