using WeeEvents.EntityFrameworkCore.Projections;
using WeeEvents.Operator;

namespace WeeEvents.EntityFrameworkCore.Operator;

/// <summary>An operator's rebuild of a projection: <see cref="ProjectionRebuilder"/>, for a name that may be unknown.</summary>
internal sealed class EfProjectionRebuilds(ProjectionRebuilder? rebuilder, IEnumerable<ProjectionDescription> projections) : IProjectionRebuilds
{
    public async Task<bool> RebuildAsync(string name, CancellationToken cancellationToken)
    {
        if (rebuilder is null || !projections.Any(p => p.Name == name))
        {
            return false;
        }

        await rebuilder.RebuildAsync(name, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
