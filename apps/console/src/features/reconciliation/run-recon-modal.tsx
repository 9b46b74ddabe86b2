import { Button, DatePicker, Form, Modal, Space, Typography, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { shanghaiDate } from '../../shared/finance';

interface RunResult {
  id: string;
  billDate: string;
  billLines: number;
  matched: number;
  mismatches: number;
}

interface Props {
  open: boolean;
  onClose(): void;
  onRan(billDate: string): void;
}

/** Reconciles one Asia/Shanghai day against the gateway's bill; the default is yesterday, as the daily job does. */
export function RunReconModal({ open, onClose, onRan }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ billDate: Dayjs }>();
  const [running, setRunning] = useState(false);
  const today = shanghaiDate(0);

  const submit = async ({ billDate }: { billDate: Dayjs }) => {
    const day = billDate.format('YYYY-MM-DD');
    setRunning(true);
    try {
      const run = await api<RunResult>('POST', '/wallet/reconciliation/runs', { billDate: day });
      void message.success(t('recon.runDone', { lines: run.billLines, matched: run.matched, mismatches: run.mismatches }));
      onClose();
      onRan(day);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('recon.run')}
      onCancel={() => !running && onClose()}
      maskClosable={!running}
      destroyOnHidden
      footer={
        <Space>
          <Button disabled={running} onClick={onClose}>
            {t('finance.cancel')}
          </Button>
          <Button type="primary" data-testid="run-recon-confirm" loading={running} onClick={() => form.submit()}>
            {t('recon.run')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('recon.runHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ billDate: dayjs(shanghaiDate(-1)) }}>
        <Form.Item name="billDate" label={t('recon.billDate')} rules={[{ required: true, message: t('recon.billDateRequired') }]}>
          <DatePicker data-testid="recon-date" allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
