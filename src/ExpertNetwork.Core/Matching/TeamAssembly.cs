using ExpertNetwork.Experts;

namespace ExpertNetwork.Matching;

/// <summary>Someone who may join a team: what the constraints look at.</summary>
public sealed record TeamCandidate(string Id, string? Affiliation, LocationClass Location);

/// <summary>What the recruiter asks of the team as a whole.</summary>
public sealed record TeamConstraints(int Size, bool AtLeastOneInProvince = false, int? MaxAbroad = null, bool OnePerAffiliation = false);

/// <summary>
/// The input: candidates, skills, and each candidate's fit for each skill (higher is better, in [0, 1]; 0 or less
/// means the candidate cannot cover that skill).
/// </summary>
public sealed record TeamProblem(IReadOnlyList<TeamCandidate> Candidates, int Skills, double[,] Fit, TeamConstraints Constraints);

public enum TeamSearch
{
    /// <summary>Every team of the size is scored: exact, used while there are few enough teams.</summary>
    Exhaustive,

    /// <summary>A greedy pick, member by member, then swaps of one (or two) members for outsiders while the total improves.</summary>
    GreedyWithSwaps,
}

/// <summary>
/// A team and who covers what. <see cref="SkillOwner"/> has, per skill, the index into <see cref="Members"/> of the
/// member who covers it, or -1 when nobody in the team can.
/// </summary>
public sealed record TeamAssignment(IReadOnlyList<int> Members, IReadOnlyList<int> SkillOwner, double Total, TeamSearch Search);

/// <summary>
/// Assembles a team of k experts for a need of several skills. Each skill is covered by one member (or stays
/// uncovered when no member can), each member covers at least one skill nobody else covers, and the sum of the
/// members' fits for the skills they cover is made as high as we can.
/// <para>
/// For a fixed team the best assignment is exact: give every member one skill of their own (an assignment problem,
/// solved with the Hungarian method on each pairing's loss against the skill's best fit in the team), then every
/// other skill to the member who fits it best. Which team: when there are at most <see cref="ExhaustiveLimit"/>
/// teams of the size, every one is scored; otherwise a greedy pick adds, one at a time, the member who raises the
/// total most, and then swaps of one member for an outsider, or of two for two, are made while any raises the total.
/// </para>
/// </summary>
public static class TeamAssembly
{
    public const int ExhaustiveLimit = 50_000;

    /// <summary>Outsiders tried two at a time: the strongest by their best fit, so a pair-swap round stays at a few thousand teams.</summary>
    public const int PairSwapPool = 60;

    private const double Infinity = 1e12;
    private const double Epsilon = 1e-9;

    /// <summary>
    /// The best team found of the requested size, or of the largest size that can be formed when every member
    /// must cover a skill of their own; null when not even one member fits the constraints.
    /// </summary>
    public static TeamAssignment? Solve(TeamProblem problem, TeamSearch? search = null)
    {
        var eligible = Enumerable.Range(0, problem.Candidates.Count).Where(c => Enumerable.Range(0, problem.Skills).Any(s => problem.Fit[c, s] > 0)).ToList();
        for (var size = Math.Min(problem.Constraints.Size, Math.Min(problem.Skills, eligible.Count)); size >= 1; size--)
        {
            var how = search ?? (Binomial(eligible.Count, size) <= ExhaustiveLimit ? TeamSearch.Exhaustive : TeamSearch.GreedyWithSwaps);
            var team = how == TeamSearch.Exhaustive ? Exhaustive(problem, eligible, size) : GreedyWithSwaps(problem, eligible, size);
            if (team is not null)
            {
                return team;
            }
        }

        return null;
    }

    /// <summary>The best assignment of skills for this team, or null when the team breaks a constraint or a member would cover nothing of their own.</summary>
    public static TeamAssignment? Evaluate(TeamProblem problem, IReadOnlyList<int> members, TeamSearch search = TeamSearch.Exhaustive)
    {
        if (members.Count == 0 || members.Count > problem.Skills || !Allowed(problem, members, members.Count))
        {
            return null;
        }

        var best = new double[problem.Skills];
        var bestOwner = new int[problem.Skills];
        for (var s = 0; s < problem.Skills; s++)
        {
            bestOwner[s] = -1;
            for (var m = 0; m < members.Count; m++)
            {
                var fit = problem.Fit[members[m], s];
                if (fit > 0 && (bestOwner[s] < 0 || fit > best[s]))
                {
                    best[s] = fit;
                    bestOwner[s] = m;
                }
            }
        }

        // Each member's skill of their own: minimise the total given up against each skill's best fit in the team.
        var loss = new double[members.Count, problem.Skills];
        for (var m = 0; m < members.Count; m++)
        {
            for (var s = 0; s < problem.Skills; s++)
            {
                var fit = problem.Fit[members[m], s];
                loss[m, s] = fit > 0 ? best[s] - fit : Infinity;
            }
        }

        var own = Hungarian(loss);
        if (own is null)
        {
            return null;
        }

        var owner = (int[])bestOwner.Clone();
        for (var m = 0; m < members.Count; m++)
        {
            owner[own[m]] = m;
        }

        var total = 0.0;
        for (var s = 0; s < problem.Skills; s++)
        {
            total += owner[s] >= 0 ? problem.Fit[members[owner[s]], s] : 0;
        }

        return new TeamAssignment(members.ToList(), owner, total, search);
    }

    private static TeamAssignment? Exhaustive(TeamProblem problem, IReadOnlyList<int> pool, int size)
    {
        TeamAssignment? best = null;
        var chosen = new int[size];

        void Walk(int depth, int from)
        {
            if (depth == size)
            {
                if (Evaluate(problem, chosen, TeamSearch.Exhaustive) is { } team && (best is null || team.Total > best.Total + Epsilon))
                {
                    best = team;
                }

                return;
            }

            for (var i = from; i <= pool.Count - (size - depth); i++)
            {
                chosen[depth] = pool[i];
                // A partial team that already breaks a constraint cannot be mended by adding members.
                if (Allowed(problem, chosen.Take(depth + 1).ToList(), size))
                {
                    Walk(depth + 1, i + 1);
                }
            }
        }

        Walk(0, 0);
        return best;
    }

    private static TeamAssignment? GreedyWithSwaps(TeamProblem problem, IReadOnlyList<int> pool, int size)
    {
        var team = new List<int>();
        TeamAssignment? current = null;
        while (team.Count < size)
        {
            TeamAssignment? next = null;
            foreach (var candidate in pool.Where(c => !team.Contains(c)))
            {
                var trial = new List<int>(team) { candidate };
                if (!Allowed(problem, trial, size))
                {
                    continue;
                }

                if (Evaluate(problem, trial, TeamSearch.GreedyWithSwaps) is { } scored && (next is null || scored.Total > next.Total + Epsilon))
                {
                    next = scored;
                }
            }

            if (next is null)
            {
                break;
            }

            current = next;
            team = [.. next.Members];
        }

        if (current is null || team.Count < size)
        {
            return null;
        }

        // Best improvement first; each accepted swap raises the total, so this ends. Single swaps first; when none
        // helps, two members at once against the strongest outsiders, because a constraint such as "at most one abroad"
        // can make every single swap worse while a pair of them is better.
        var strongest = pool.OrderByDescending(c => Enumerable.Range(0, problem.Skills).Max(s => problem.Fit[c, s])).Take(PairSwapPool).ToList();
        while (true)
        {
            var better = BestSingleSwap(problem, pool, team, current) ?? BestPairSwap(problem, strongest, team, current);
            if (better is null)
            {
                return current;
            }

            current = better;
            team = [.. better.Members];
        }
    }

    private static TeamAssignment? BestSingleSwap(TeamProblem problem, IReadOnlyList<int> pool, List<int> team, TeamAssignment current)
    {
        TeamAssignment? better = null;
        for (var i = 0; i < team.Count; i++)
        {
            foreach (var outsider in pool.Where(c => !team.Contains(c)))
            {
                var trial = new List<int>(team) { [i] = outsider };
                if (Evaluate(problem, trial, TeamSearch.GreedyWithSwaps) is { } scored && scored.Total > (better ?? current).Total + Epsilon)
                {
                    better = scored;
                }
            }
        }

        return better;
    }

    private static TeamAssignment? BestPairSwap(TeamProblem problem, IReadOnlyList<int> pool, List<int> team, TeamAssignment current)
    {
        TeamAssignment? better = null;
        var outsiders = pool.Where(c => !team.Contains(c)).ToList();
        for (var i = 0; i < team.Count; i++)
        {
            for (var j = i + 1; j < team.Count; j++)
            {
                for (var a = 0; a < outsiders.Count; a++)
                {
                    for (var b = a + 1; b < outsiders.Count; b++)
                    {
                        var trial = new List<int>(team) { [i] = outsiders[a], [j] = outsiders[b] };
                        if (Evaluate(problem, trial, TeamSearch.GreedyWithSwaps) is { } scored && scored.Total > (better ?? current).Total + Epsilon)
                        {
                            better = scored;
                        }
                    }
                }
            }
        }

        return better;
    }

    /// <summary>
    /// Whether a team, possibly still being built towards <paramref name="size"/>, keeps the constraints: one per
    /// affiliation, at most so many abroad, and room left for someone in the province if nobody is yet.
    /// </summary>
    private static bool Allowed(TeamProblem problem, IReadOnlyList<int> members, int size)
    {
        var constraints = problem.Constraints;
        if (constraints.OnePerAffiliation)
        {
            var affiliations = members.Select(m => Normalise(problem.Candidates[m].Affiliation)).Where(a => a.Length > 0).ToList();
            if (affiliations.Count != affiliations.Distinct(StringComparer.Ordinal).Count())
            {
                return false;
            }
        }

        if (constraints.MaxAbroad is { } maxAbroad && members.Count(m => problem.Candidates[m].Location == LocationClass.Abroad) > maxAbroad)
        {
            return false;
        }

        return !constraints.AtLeastOneInProvince
            || members.Any(m => problem.Candidates[m].Location == LocationClass.Province)
            || members.Count < size;
    }

    /// <summary>
    /// Minimum-cost assignment of every row to a distinct column (rows ≤ columns), or null when some row can only
    /// take a forbidden (infinite) cell. The O(n²m) potentials method.
    /// </summary>
    private static int[]? Hungarian(double[,] cost)
    {
        int n = cost.GetLength(0), m = cost.GetLength(1);
        if (n > m)
        {
            return null;
        }

        var u = new double[n + 1];
        var v = new double[m + 1];
        var p = new int[m + 1];
        var way = new int[m + 1];
        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            var minv = new double[m + 1];
            var used = new bool[m + 1];
            Array.Fill(minv, double.MaxValue);
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                var delta = double.MaxValue;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var current = cost[i0 - 1, j - 1] - u[i0] - v[j];
                    if (current < minv[j])
                    {
                        minv[j] = current;
                        way[j] = j0;
                    }

                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var row = new int[n];
        for (var j = 1; j <= m; j++)
        {
            if (p[j] > 0)
            {
                row[p[j] - 1] = j - 1;
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (cost[i, row[i]] >= Infinity / 2)
            {
                return null;
            }
        }

        return row;
    }

    private static double Binomial(int n, int k)
    {
        var result = 1.0;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }

    private static string Normalise(string? affiliation) =>
        string.Join(' ', (affiliation ?? "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim(' ', '.');
}
