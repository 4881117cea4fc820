/**
 * The channel form's problems land beside their fields, worded from the problem's code and path
 * (libs/contracts' Problem), in the person's language: those the API's schema finds before
 * sending, and those only the API can find (a name taken). Was part of the browser file
 * messages-and-channels.test.ts, which keeps the journey (a webhook down, dead-lettered, resent).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ChannelFormPage } from '../src/pages/channels-page';
import { CYCLE } from './support/fixtures';
import { fakeApi, refusal, type FakeApi } from './support/fake-api';
import { fill } from './support/fill';
import { renderPage, signedInAs } from './support/render';

const RECEIVER = 'https://gov.example.cn/hook';
const SECRET = 'x'.repeat(20);

function adminApi(): FakeApi {
  const api = fakeApi({ 'GET /cycles': [CYCLE], 'GET /admin/channels': [] });
  signedInAs(api, 'admin', ['ADMIN']);
  return api;
}

/** The errors antd shows under the field labelled `label`. */
function errorsOf(label: string): string[] {
  const item = screen.getByLabelText(label, { exact: true }).closest('.ant-form-item')!;
  return [...item.querySelectorAll('.ant-form-item-explain-error')].map((each) => each.textContent ?? '');
}

describe('the channel form', () => {
  it('shows the schema’s problems beside their fields by code, in Chinese with the API’s words, and sends nothing', async () => {
    const api = adminApi();
    const user = userEvent.setup({ delay: null });
    renderPage({ route: '/admin/channels/new', at: '/admin/channels/new' }, <ChannelFormPage />);
    await fill(user, await screen.findByLabelText('渠道名称'), '领导群');
    await fill(user, screen.getByLabelText('推送地址（URL）'), 'not a url');
    await fill(user, screen.getByLabelText('签名密钥'), 'too short');
    await user.click(within(screen.getByTestId('channel-form')).getByRole('button', { name: /保\s*存/ }));

    await waitFor(() => expect(errorsOf('推送地址（URL）')).toHaveLength(1));
    expect(errorsOf('推送地址（URL）')[0]).toMatch(/^须为以 http:\/\/ 或 https:\/\/ 开头的网址（.+）$/);
    expect(errorsOf('签名密钥')).toEqual([expect.stringMatching(/^至少 16 个字符（.+）$/)]);
    expect(errorsOf('渠道名称')).toEqual([]);
    expect(api.to('POST /admin/channels')).toEqual([]);
  });

  it('puts a refusal only the API can give beside its field, with the body the schema made', async () => {
    const api = adminApi();
    api.answer('POST /admin/channels', refusal(409, 'CHANNEL_NAME_TAKEN', 'A channel named 领导群 exists'));
    const user = userEvent.setup({ delay: null });
    renderPage({ route: '/admin/channels/new', at: '/admin/channels/new' }, <ChannelFormPage />);
    await fill(user, await screen.findByLabelText('渠道名称'), '领导群');
    await fill(user, screen.getByLabelText('推送地址（URL）'), RECEIVER);
    await fill(user, screen.getByLabelText('签名密钥'), SECRET);
    await user.click(within(screen.getByTestId('channel-form')).getByRole('button', { name: /保\s*存/ }));

    await waitFor(() => expect(errorsOf('渠道名称')).toEqual(['已有同名的推送渠道（A channel named 领导群 exists）']));
    expect(api.to('POST /admin/channels').map((request) => request.body)).toEqual([
      { name: '领导群', kind: 'webhook', unitId: null, role: null, enabled: true, url: RECEIVER, secret: SECRET },
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('words a problem the API finds by its code in English, without the API’s own message', async () => {
    const api = adminApi();
    api.answer(
      'POST /admin/channels',
      refusal(400, 'VALIDATION_FAILED', 'Invalid request body: url: …', [
        { path: 'url', message: 'must carry the robot key: …/send?key=<key>', code: 'robot_key_missing' },
      ]),
    );
    const user = userEvent.setup({ delay: null });
    renderPage({ route: '/admin/channels/new', at: '/admin/channels/new', language: 'en' }, <ChannelFormPage />);
    await fill(user, await screen.findByLabelText('Name'), 'Leaders');
    await fill(user, screen.getByLabelText('URL'), RECEIVER);
    await fill(user, screen.getByLabelText('Signing secret'), SECRET);
    await user.click(within(screen.getByTestId('channel-form')).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(errorsOf('URL')).toEqual(['Must carry the robot key: …/send?key=<key>']));
  });
});
