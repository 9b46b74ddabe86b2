import { Alert, Button, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import {
  LIMITS,
  UUID_PATTERN,
  joinPoliciesFor,
  slowModeOptions,
  toCreateGroupRequest,
  type ConsoleGroup,
  type GroupFormValues,
} from './group-model';
import { ProductField, productIdRule } from './product-field';
import { SlowModeLabel } from './slow-mode';

interface Props {
  open: boolean;
  onClose(): void;
  onCreated(group: ConsoleGroup): void;
}

/** Creates a group: who may see and join it, what it is about, an optional owner (usually an expert) and slow mode. */
export function CreateGroupDrawer({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GroupFormValues>();
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string>();
  const visibility = Form.useWatch('visibility', form);
  const policies = joinPoliciesFor(visibility);

  const submit = async (values: GroupFormValues) => {
    setSaving(true);
    setServerError(undefined);
    try {
      const group = await api<ConsoleGroup>('POST', '/groups', toCreateGroupRequest(values));
      form.resetFields();
      onClose();
      onCreated(group);
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      title={t('groups.create')}
      width={560}
      maskClosable={!saving}
      onClose={() => !saving && onClose()}
      afterOpenChange={(visible) => !visible && setServerError(undefined)}
      footer={
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Space>
            <Button disabled={saving} onClick={onClose}>
              {t('communityCommon.cancel')}
            </Button>
            <Button type="primary" data-testid="group-create-submit" loading={saving} onClick={() => form.submit()}>
              {t('groups.createOk')}
            </Button>
          </Space>
        </div>
      }
    >
      <Form<GroupFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={saving}
        scrollToFirstError
        initialValues={{ visibility: 'public', joinPolicy: 'open', slowModeSeconds: 0 }}
        onValuesChange={(changed: GroupFormValues) => {
          setServerError(undefined);
          // Private groups cannot be open: move to approval rather than leave an invalid choice selected.
          if (changed.visibility === 'private' && form.getFieldValue('joinPolicy') === 'open') form.setFieldValue('joinPolicy', 'approval');
        }}
      >
        <Form.Item
          name="name"
          label={t('groups.name')}
          rules={[
            { required: true, whitespace: true, message: t('groups.nameRequired') },
            { min: LIMITS.nameMin, max: LIMITS.nameMax, message: t('groups.nameLength', { min: LIMITS.nameMin, max: LIMITS.nameMax }) },
          ]}
        >
          <Input data-testid="group-name" maxLength={LIMITS.nameMax} showCount />
        </Form.Item>
        <Form.Item name="description" label={t('groups.description')}>
          <Input.TextArea data-testid="group-description" rows={3} maxLength={LIMITS.description} showCount />
        </Form.Item>
        <Form.Item name="visibility" label={t('groups.visibilityLabel')} rules={[{ required: true }]}>
          <Radio.Group data-testid="group-visibility">
            <Radio value="public">{t('groups.visibility.public')}</Radio>
            <Radio value="private">{t('groups.visibility.private')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="joinPolicy"
          label={t('groups.joinPolicyLabel')}
          extra={visibility === 'private' ? t('groups.privateHint') : undefined}
          rules={[{ required: true }]}
        >
          <Radio.Group data-testid="group-join-policy">
            {(['open', 'approval', 'invite'] as const).map((p) => (
              <Radio key={p} value={p} disabled={!policies.includes(p)}>
                {t(`groups.joinPolicy.${p}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="topic" label={t('groups.topic')}>
          <Input data-testid="group-topic" maxLength={LIMITS.topic} placeholder={t('groups.topicPlaceholder')} />
        </Form.Item>
        <Form.Item name="productId" label={t('groups.product')} rules={[productIdRule(t('groups.productIdInvalid'))]}>
          <ProductField testId="group-product" />
        </Form.Item>
        <Form.Item
          name="ownerMemberId"
          label={t('groups.owner')}
          extra={t('groups.ownerHint')}
          rules={[{ pattern: UUID_PATTERN, message: t('communityCommon.memberIdInvalid') }]}
        >
          <Input data-testid="group-owner" allowClear placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" />
        </Form.Item>
        <Form.Item name="slowModeSeconds" label={t('groups.slowMode')} extra={t('groups.slowModeHint')}>
          <Select
            data-testid="group-slow-mode"
            options={slowModeOptions().map((s) => ({ value: s, label: <SlowModeLabel seconds={s} /> }))}
          />
        </Form.Item>
      </Form>
      {serverError && (
        <Alert data-testid="group-create-error" type="error" showIcon message={t('groups.createFailed')} description={serverError} />
      )}
    </Drawer>
  );
}
