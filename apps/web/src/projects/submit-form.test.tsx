import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createFakeApi, problem } from '../test/fake-api';
import { renderWithApp } from '../test/render';
import { checkTargetUrl, SubmitForm } from './submit-form';

const SUBMISSION_ID = '0b7f9a52-3c1d-4e8f-9a6b-2d4c6e8f0a1b';

function renderForm(routes: Parameters<typeof createFakeApi>[0]) {
  const fake = createFakeApi(routes, 'gw_csrf=token123');
  renderWithApp(
    <Routes>
      <Route path="/projects/url-shortener" element={<SubmitForm project="url-shortener" isSignedIn />} />
      <Route path="/submissions/:id" element={<p>The live run</p>} />
    </Routes>,
    { client: fake.client, path: '/projects/url-shortener' },
  );
  return fake;
}

function submit(url: string) {
  fireEvent.change(screen.getByLabelText("Your server's URL"), { target: { value: url } });
  fireEvent.click(screen.getByRole('button', { name: 'Grade my server' }));
}

describe('checkTargetUrl', () => {
  it('accepts http and https addresses', () => {
    expect(checkTargetUrl('https://my-app.example.com')).toBeNull();
    expect(checkTargetUrl('  http://127.0.0.1:8080  ')).toBeNull();
  });

  it('says what is wrong with anything else', () => {
    expect(checkTargetUrl('')).toMatch(/enter the address/i);
    expect(checkTargetUrl('my-app.example.com')).toMatch(/full address/i);
    expect(checkTargetUrl('ftp://example.com')).toMatch(/http/);
  });
});

describe('SubmitForm', () => {
  it('sends the project and URL with the CSRF header, then opens the live run', async () => {
    const { requests } = renderForm({
      'POST /api/submissions': () => ({ status: 202, body: { id: SUBMISSION_ID } }),
    });
    submit(' https://my-app.example.com ');
    await screen.findByText('The live run');
    const request = requests[0];
    expect(request?.headers.get('x-csrf-token')).toBe('token123');
    expect(await request?.json()).toEqual({ project: 'url-shortener', url: 'https://my-app.example.com' });
  });

  it('shows a refused address next to the URL field, in the API’s words', async () => {
    renderForm({
      'POST /api/submissions': () =>
        problem(400, 'validation_failed', 'url: refused', {
          errors: [
            { field: 'url', message: 'This address is on a private network, which the grader cannot reach' },
          ],
        }),
    });
    submit('http://10.0.0.7:8080');
    const input = screen.getByLabelText("Your server's URL");
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/private network, which the grader cannot reach\./)).toBeTruthy();
  });

  it('says why a submission was refused while another one runs', async () => {
    renderForm({
      'POST /api/submissions': () =>
        problem(429, 'submission_running', 'You already have a submission running. Wait for it to finish.'),
    });
    submit('https://my-app.example.com');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/already have a submission running/);
  });

  it('catches an address that is not a URL before calling the API', async () => {
    const { requests } = renderForm({});
    submit('my-app.example.com');
    await screen.findByText(/Enter a full address/);
    expect(requests).toHaveLength(0);
  });
});
