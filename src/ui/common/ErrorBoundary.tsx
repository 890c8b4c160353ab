import { Component, type ReactNode } from 'react';

interface Props {
  /** What the failed part is, for the message: "The canvas", "The findings panel". */
  part: string;
  children: ReactNode;
}

/**
 * Keeps one part of the board (the canvas, a panel) from taking the page down
 * when it fails to draw: the part shows what happened and a retry, the rest
 * of the board keeps working.
 */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error): void {
    console.error(`Archboard: ${this.props.part} failed to draw`, error);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="ab-part-error" role="alert" data-testid="part-error">
        <p>
          {this.props.part} could not be drawn ({error.message}). The rest of the board still works.
        </p>
        <button type="button" className="ab-button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
