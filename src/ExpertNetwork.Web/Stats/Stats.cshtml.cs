using ExpertNetwork.Experts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExpertNetwork.Web.Stats;

// Counts only, no person: the fallback policy (any signed-in user) is enough; StatsApi decides what each may see.
public sealed class StatsModel(ExpertStore store) : PageModel
{
    public PublishedStats Stats { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Stats = await StatsApi.PublishedAsync(store, User, cancellationToken);
}
