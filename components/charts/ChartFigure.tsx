import type { ReactNode } from "react";

/**
 * A chart's figure: the drawing is one image to a screen reader, named by its description in words (the chart
 * library's own accessibility layer is off, so nothing is read twice), with an optional caption under it.
 */
export function ChartFigure({
  className,
  description,
  caption,
  children,
}: {
  className: string;
  description: string;
  caption?: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className={`chart ${className}`}>
      <div role="img" aria-label={description}>
        {children}
      </div>
      {caption && <figcaption className="muted small">{caption}</figcaption>}
    </figure>
  );
}
