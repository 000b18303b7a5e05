// Grey placeholders the size of the content to come, so nothing jumps when the data arrives.
export function SkeletonBlocks({ count, height, label }: { count: number; height: number; label: string }) {
  return (
    <div className="skeletons" aria-busy="true" aria-label={label} role="status">
      {Array.from({ length: count }, (_, index) => <div key={index} className="skeleton" style={{ height }} />)}
    </div>
  );
}
