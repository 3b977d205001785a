import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button } from '../ui/button';

type Props = { children: ReactNode };
type State = { hasFailed: boolean };

/**
 * Catches a page that fails to render or to load (a new release can remove an old page's file), and
 * offers a reload instead of a blank screen. The layout keys it by path, so navigating resets it.
 */
export class RouteErrorBoundary extends Component<Props, State> {
  override state: State = { hasFailed: false };

  static getDerivedStateFromError(): State {
    return { hasFailed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('A page failed to render', error, info.componentStack);
  }

  override render() {
    if (!this.state.hasFailed) return this.props.children;
    return (
      <div role="alert" className="mx-auto max-w-lg px-4 py-20 text-center">
        <h1 className="text-2xl font-semibold text-fg">This page didn't load</h1>
        <p className="mt-3 text-fg-muted">
          Something went wrong while opening it. Reloading usually fixes this, especially after an update.
        </p>
        <Button className="mt-6" onClick={() => window.location.reload()}>
          Reload the page
        </Button>
      </div>
    );
  }
}
