// The thin bar that shows the time to the next slide. A CSS animation, started part-way through
// with a negative delay and frozen while paused, so it moves smoothly without React re-rendering
// the slide sixty times a second.
import { elapsed, type Rotation } from '@nq57/shared';

export function Progress({ rotation }: { rotation: Rotation }) {
  const duration = rotation.durations[rotation.index] ?? 0;
  if (!duration) return <div className="bf-progress" aria-hidden="true" />;
  const spent = Math.min(duration, elapsed(rotation, Date.now()));
  return (
    <div className="bf-progress" aria-hidden="true">
      <span
        // a new slide, a pause or a resume restarts the animation from where the clock is
        key={`${rotation.index}-${rotation.startedAt}-${rotation.paused}`}
        style={{ animationDuration: `${duration}ms`, animationDelay: `-${spent}ms`, animationPlayState: rotation.paused ? 'paused' : 'running' }}
      />
    </div>
  );
}
