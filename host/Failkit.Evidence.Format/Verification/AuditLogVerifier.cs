using System.Text.Json;

namespace Failkit.Evidence.Format.Verification;

/// <summary>Checks an audit export (JSON Lines of <see cref="AuditRecord"/>) with <see cref="AuditChainRule"/>, the
/// rule the database trigger applies when it writes each event.</summary>
public static class AuditLogVerifier
{
    public static AuditVerification Verify(string file)
    {
        var name = Path.GetFileName(file);
        var problems = new List<string>();
        var events = new List<(int Line, AuditRecord Event)>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                events.Add((lineNumber, AuditRecord.ParseLine(line)));
            }
            catch (JsonException ex)
            {
                problems.Add($"{name} line {lineNumber}: not an audit event ({TrustedKeys.FirstSentence(ex.Message)})");
            }
        }

        if (events.Count == 0 && problems.Count == 0)
        {
            problems.Add($"{name}: holds no audit event");
        }
        else if (problems.Count > 0)
        {
            // A line that is not an event breaks the chain by itself; walking the rest would only repeat it.
            problems.Add($"{name}: the chain was not walked, because {problems.Count} line(s) could not be read");
        }
        else if (AuditChainRule.FirstBreak(events.Select(e => e.Event)) is { } broken)
        {
            var line = events.First(e => e.Event.Seq == broken.Seq).Line;
            problems.Add($"{name} line {line}: {broken.Reason}");
        }

        return new AuditVerification(name, events.Count, events.FirstOrDefault().Event?.Seq, events.LastOrDefault().Event?.Seq, problems);
    }
}
