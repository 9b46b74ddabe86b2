import type { DrawResult, MemberWheel } from '@quanzi/contracts';
import { Button, Dialog, Empty, List, Popup, Tag, Toast } from 'antd-mobile';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../shared/api';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { AddressForm } from './address-form';
import { rewardsApi } from './rewards-api';

const COLOURS = ['#ffe0b2', '#ffccbc', '#fff9c4', '#dcedc8', '#b3e5fc', '#e1bee7'];

/** 幸运抽奖: the open wheels. */
export function LotteryListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useLoad(() => rewardsApi.wheels());
  return (
    <Page title={t('rewards.lottery.title')}>
      <LoadState loading={loading} error={error} onRetry={reload} />
      {data && data.items.length === 0 && <Empty description={t('rewards.lottery.empty')} />}
      {data && data.items.length > 0 && (
        <List>
          {data.items.map((w) => (
            <List.Item key={w.id} onClick={() => navigate(`/lottery/${w.id}`)} extra={t('rewards.lottery.chances', { count: w.chances })}>
              {w.name}
            </List.Item>
          ))}
        </List>
      )}
      <List>
        <List.Item onClick={() => navigate('/lottery/draws')}>{t('rewards.lottery.myDraws')}</List.Item>
      </List>
    </Page>
  );
}

/** The segments' sizes follow the published weights, so what the member sees is what the server rolls. */
function segments(wheel: MemberWheel) {
  const total = wheel.prizes.reduce((s, p) => s + p.weight, 0);
  let start = 0;
  return wheel.prizes.map((p, i) => {
    const size = (p.weight / total) * 360;
    const seg = { ...p, start, size, colour: COLOURS[i % COLOURS.length]! };
    start += size;
    return seg;
  });
}

/** The wheel: spins to the prize the server decided, then says what it was. */
export function LotteryWheelPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data: wheel, error, loading, reload } = useLoad(() => rewardsApi.wheel(id), [id]);
  const [rotation, setRotation] = useState(0);
  const [spinning, setSpinning] = useState(false);
  const [addressFor, setAddressFor] = useState<DrawResult | null>(null);
  const pending = useRef<DrawResult | null>(null);

  const draw = async () => {
    if (!wheel || spinning) return;
    setSpinning(true);
    try {
      const result = await rewardsApi.draw(wheel.id);
      pending.current = result;
      const seg = segments(wheel).find((s) => s.position === result.prize?.position);
      // The pointer is at the top: bring the middle of the prize's segment under it, after five full turns.
      const target = seg ? 360 - (seg.start + seg.size / 2) : 0;
      setRotation((r) => r - (r % 360) + 5 * 360 + target);
    } catch (err) {
      setSpinning(false);
      Toast.show({ icon: 'fail', content: errorMessage(err) });
    }
  };

  const onSpun = async () => {
    const result = pending.current;
    pending.current = null;
    setSpinning(false);
    if (!result) return;
    await reload();
    if (!result.won) {
      Toast.show({ content: t('rewards.lottery.miss') });
      return;
    }
    await Dialog.alert({
      title: t('rewards.lottery.won', { name: result.prize?.name ?? '' }),
      content: result.guaranteed
        ? t('rewards.lottery.guaranteed')
        : result.fulfilment === 'awaiting_address'
          ? t('rewards.lottery.addressNeeded')
          : undefined,
      confirmText: t('common.ok'),
    });
    if (result.fulfilment === 'awaiting_address') setAddressFor(result);
  };

  const segs = wheel ? segments(wheel) : [];
  const gradient = segs.map((s) => `${s.colour} ${s.start}deg ${s.start + s.size}deg`).join(', ');
  return (
    <Page title={wheel?.name ?? t('rewards.lottery.title')}>
      <LoadState loading={loading && !wheel} error={error} onRetry={reload} />
      {wheel && (
        <div className="card" style={{ textAlign: 'center' }}>
          <div className="wheel-frame">
            <div className="wheel-pointer" />
            <div
              className="wheel"
              data-testid="wheel"
              style={{ background: `conic-gradient(${gradient})`, transform: `rotate(${rotation}deg)` }}
              onTransitionEnd={() => void onSpun()}
            >
              {segs.map((s) => (
                <div key={s.position} className="wheel-label" style={{ transform: `rotate(${s.start + s.size / 2}deg)` }}>
                  <span>{s.name}</span>
                  {s.soldOut && <small>{t('rewards.lottery.soldOut')}</small>}
                </div>
              ))}
            </div>
          </div>
          <p>
            {wheel.chances > 0
              ? t('rewards.lottery.chances', { count: wheel.chances })
              : wheel.pointsCost > 0
                ? t('rewards.lottery.cost', { points: wheel.pointsCost })
                : t('rewards.lottery.chances', { count: 0 })}
          </p>
          {wheel.guaranteeAfter && (
            <p className="muted">
              {t('rewards.lottery.guarantee', { n: wheel.guaranteeAfter })} · {t('rewards.lottery.misses', { n: wheel.misses })}
            </p>
          )}
          <Button
            color="primary"
            size="large"
            loading={spinning}
            loadingText={t('rewards.lottery.drawing')}
            disabled={wheel.status !== 'open' || (wheel.chances === 0 && wheel.pointsCost === 0)}
            onClick={() => void draw()}
            data-testid="draw"
          >
            {t('rewards.lottery.draw')}
          </Button>
          <div className="muted" style={{ marginTop: 16, textAlign: 'left' }}>
            <Tag color="primary" fill="outline">
              {t('rewards.lottery.fairness')}
            </Tag>
            <p>{t('rewards.lottery.fairnessNote')}</p>
            <p style={{ wordBreak: 'break-all' }}>
              {t('rewards.lottery.commitment')}: {wheel.commitment}
            </p>
            <a href={`/api/v1/lottery/${wheel.id}/record`} target="_blank" rel="noreferrer">
              {t('rewards.lottery.record')}
            </a>
          </div>
        </div>
      )}
      <Popup visible={!!addressFor} onMaskClick={() => setAddressFor(null)} bodyStyle={{ padding: 12 }}>
        {addressFor && (
          <AddressForm
            onSubmit={async (address) => {
              await rewardsApi.setAddress(addressFor.id, address);
              Toast.show({ icon: 'success', content: t('rewards.address.saved') });
              setAddressFor(null);
            }}
          />
        )}
      </Popup>
    </Page>
  );
}

/** 我的抽奖记录, with the address form for prizes that wait for one. */
export function MyDrawsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad(() => rewardsApi.myDraws(page), [page]);
  const [addressFor, setAddressFor] = useState<DrawResult | null>(null);
  return (
    <Page title={t('rewards.lottery.myDraws')}>
      <LoadState loading={loading && !data} error={error} onRetry={reload} />
      {data && data.total === 0 && <Empty description={t('rewards.lottery.noDraws')} />}
      {data && data.items.length > 0 && (
        <List>
          {data.items.map((d) => (
            <List.Item
              key={d.id}
              description={`#${d.seq} · ${new Date(d.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}${d.tracking ? ` · ${d.tracking}` : ''}`}
              extra={t(`rewards.lottery.fulfilment.${d.fulfilment}`)}
              onClick={d.fulfilment === 'awaiting_address' ? () => setAddressFor(d) : undefined}
            >
              {d.won ? d.prize?.name : t('rewards.lottery.miss')}
            </List.Item>
          ))}
        </List>
      )}
      {data && data.total > page * data.pageSize && (
        <Button block fill="none" onClick={() => setPage(page + 1)}>
          {t('rewards.more')}
        </Button>
      )}
      <Popup visible={!!addressFor} onMaskClick={() => setAddressFor(null)} bodyStyle={{ padding: 12 }}>
        {addressFor && (
          <AddressForm
            onSubmit={async (address) => {
              await rewardsApi.setAddress(addressFor.id, address);
              Toast.show({ icon: 'success', content: t('rewards.address.saved') });
              setAddressFor(null);
              await reload();
            }}
          />
        )}
      </Popup>
    </Page>
  );
}
