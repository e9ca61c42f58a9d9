import { Component, type ReactNode, Suspense } from 'react';

class ErrorBoundary extends Component<
  { fallback: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * The screen of a path, in the patient app and the console alike: the words `loading` while a lazily
 * loaded screen arrives, `failed` if its code cannot load (offline). A new path starts afresh.
 */
export function LazyScreen({
  path,
  loading,
  failed,
  children,
}: {
  path: string;
  loading: string;
  failed: string;
  children: ReactNode;
}) {
  return (
    <ErrorBoundary key={path} fallback={<p role="alert">{failed}</p>}>
      <Suspense
        fallback={
          <p className="loading" role="status">
            {loading}
          </p>
        }
      >
        {children}
      </Suspense>
    </ErrorBoundary>
  );
}
