using System.Text.Json;

namespace WeeEvents;

/// <summary>
/// An aggregate's state as folded up to <paramref name="Revision"/>, kept so that a load folds only the events after
/// it. A cache of a fold, never the truth: the events are. It names the event it was folded up to
/// (<paramref name="EventId"/>), so a load uses it only while the stream still holds that event at that revision.
/// </summary>
/// <param name="Aggregate">The aggregate.</param>
/// <param name="Revision">The revision the state was folded up to.</param>
/// <param name="EventId">The id of the event at <paramref name="Revision"/>.</param>
/// <param name="StateVersion">The loader's state schema version when it was taken (see <see cref="SnapshotPolicy.StateVersion"/>).</param>
/// <param name="State">The state as JSON (<see cref="WeeEventsJson.Options"/>).</param>
public sealed record Snapshot(AggregateId Aggregate, Revision Revision, Guid EventId, int StateVersion, JsonElement State);
