/**
 * The form that opens a supervision item (督办), an antd Form: the schema's problems land beside
 * their fields in the person's language before anything is sent.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SupervisionPage } from '../src/pages/supervision-page';
import { CYCLE, cycleDetail } from './support/fixtures';
import { fakeApi } from './support/fake-api';
import { fill } from './support/fill';
import { renderPage, signedInAs } from './support/render';

const errorsOf = (label: string) =>
  [
    ...screen
      .getByLabelText(label, { selector: 'input, textarea' })
      .closest('.ant-form-item')!
      .querySelectorAll('.ant-form-item-explain-error'),
  ].map((each) => each.textContent);

describe('opening a supervision item', () => {
  it('shows each missing field beside it, in English words chosen by the problem’s code, and sends nothing', async () => {
    const api = fakeApi({
      'GET /cycles': [CYCLE],
      [`GET /cycles/${CYCLE.id}`]: cycleDetail(),
      'GET /supervision-items': [],
    });
    signedInAs(api, 'assessor', ['ASSESSOR']);
    const user = userEvent.setup({ delay: null });
    renderPage({ route: '/supervision', at: '/supervision', language: 'en' }, <SupervisionPage />);
    await user.click((await screen.findAllByText('Open an item'))[0]!);
    await fill(user, await screen.findByLabelText('Title'), 'Speed up the land approvals');
    await user.click(screen.getByRole('button', { name: 'Open an item' }));

    await waitFor(() => expect(errorsOf('Unit')).toEqual(['Required']));
    expect(errorsOf('Description')).toEqual(['Required']);
    expect(errorsOf('Deadline')).toEqual(['Required']);
    expect(errorsOf('Title')).toEqual([]);
    expect(api.to('POST /supervision-items')).toEqual([]);
  });
});
