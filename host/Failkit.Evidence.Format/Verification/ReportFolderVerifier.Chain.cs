namespace Failkit.Evidence.Format.Verification;

public static partial class ReportFolderVerifier
{
    /// <summary>Walks the chain in the order of the numbers the reports themselves claim (signed, for manifests), so a
    /// renamed file is caught by its own row and the walk still says whether the signed chain is whole.</summary>
    private static List<string> CheckChain(IReadOnlyList<ChainLink> links)
    {
        var problems = new List<string>();
        var byNumber = links.GroupBy(l => l.Number).OrderBy(g => g.Key).ToList();
        foreach (var dup in byNumber.Where(g => g.Count() > 1))
        {
            problems.Add($"fork: {dup.Count()} reports claim number {dup.Key} ({string.Join(", ", dup.Select(l => l.File))})");
        }

        if (byNumber.Count == 0)
        {
            return problems;
        }

        if (byNumber[0].Key > 1)
        {
            problems.Add(Missing(0, byNumber[0].Key));
        }

        for (var i = 0; i < byNumber.Count; i++)
        {
            var number = byNumber[i].Key;
            var before = i > 0 ? byNumber[i - 1] : null;
            if (before is not null && number > before.Key + 1)
            {
                problems.Add(Missing(before.Key, number));
            }

            var predecessor = before is not null && before.Key == number - 1 && before.Count() == 1 ? before.Single() : null;
            foreach (var link in byNumber[i])
            {
                CheckLink(link, predecessor, problems);
            }
        }

        foreach (var fork in links.Where(l => l.Previous is not null).GroupBy(l => l.Previous!, StringComparer.OrdinalIgnoreCase)
                     .Where(g => g.Select(l => l.Number).Distinct().Count() > 1))
        {
            var names = fork.OrderBy(l => l.Number).Select(l => $"report {l.Number} ({l.File})");
            problems.Add($"fork: {string.Join(" and ", names)} both follow the same predecessor ({Short(fork.Key)})");
        }

        return problems;
    }

    private static void CheckLink(ChainLink link, ChainLink? predecessor, List<string> problems)
    {
        var at = $"report {link.Number} ({link.File})";
        if (link.Number == 1)
        {
            if (link.Previous is not null)
            {
                problems.Add($"{at}: names a previous report ({Short(link.Previous)}), but report 1 starts the chain");
            }

            return;
        }

        if (predecessor is null)
        {
            // Its predecessor is missing or forked; that problem is reported once, not again here.
            return;
        }

        if (link.Previous is null)
        {
            problems.Add($"{at}: names no previous report, but report {predecessor.Number} precedes it");
        }
        else if (!string.Equals(link.Previous, predecessor.Hash, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{at}: does not link to report {predecessor.Number} (it names {Short(link.Previous)}, and report {predecessor.Number}'s " +
                $"manifest hash is {Short(predecessor.Hash)}): report {predecessor.Number} was changed or replaced");
        }

        if (link.GeneratedAt < predecessor.GeneratedAt)
        {
            problems.Add($"{at}: generated at {EvidenceJson.Time(link.GeneratedAt!.Value)}, before report {predecessor.Number} " +
                $"({EvidenceJson.Time(predecessor.GeneratedAt!.Value)}): the chain's order is not the order of time");
        }
    }

    private static string Missing(long after, long next) =>
        (after, next - after) switch
        {
            (0, 2) => "report 1 is missing: the chain starts at report 2",
            (0, _) => $"reports 1 to {next - 1} are missing: the chain starts at report {next}",
            (_, 2) => $"report {after + 1} is missing: report {next} follows report {after}",
            _ => $"reports {after + 1} to {next - 1} are missing: report {next} follows report {after}",
        };
}
