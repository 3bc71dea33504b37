namespace Failkit.Evidence.Format.Tests;

public sealed class AuditRecordTests
{
    private const string At = "2026-11-29T09:00:00.123456Z";

    [Fact]
    public void OldEventWithoutSourceBeforeAfter_HashesTheSevenFieldText()
    {
        var e = new AuditRecord(1, At, "user.created", "owner@acme.example", null, "role admin", null, null, null, AuditChainRule.Genesis);

        Assert.Equal($"1|{At}|user.created|owner@acme.example||role admin|{AuditChainRule.Genesis}", AuditChainRule.Canonical(e));
    }

    [Fact]
    public void NewEvent_HashesTheTenFieldText()
    {
        var e = new AuditRecord(2, At, "runbook.saved", "admin", "drill-runbook", null, "10.0.0.7", "{\"v\":1}", null, "ab");

        Assert.Equal($"2|{At}|runbook.saved|admin|drill-runbook||ab|10.0.0.7|{{\"v\":1}}|", AuditChainRule.Canonical(e));
    }

    [Fact]
    public void ChainOfOldAndNewEvents_Intact()
    {
        Assert.Null(AuditChainRule.FirstBreak(Chain(6)));
    }

    [Fact]
    public void OldEventEdited_BreaksAtItsSuccessor()
    {
        var events = Chain(6).ToList();
        events[1] = events[1] with { Target = "someone-else" };

        var broken = AuditChainRule.FirstBreak(events);

        Assert.Equal((3L, "event 3 does not link to its predecessor (an event was edited, removed or inserted)"), broken);
    }

    [Fact]
    public void SourceAddedToOldEvent_BreaksTheChain()
    {
        var events = Chain(6).ToList();
        events[0] = events[0] with { Source = "" };

        Assert.Equal(2L, AuditChainRule.FirstBreak(events)?.Seq);
    }

    [Fact]
    public void EventsOutOfOrderOrMissing_Named()
    {
        var events = Chain(6).ToList();

        Assert.Equal((4L, "event 4 follows event 2: events are missing"), AuditChainRule.FirstBreak(events.Where(e => e.Seq != 3)));
        Assert.Equal((2L, "event 2 follows event 3: events are out of order"),
            AuditChainRule.FirstBreak([events[0], events[1], events[2], events[1]]));
    }

    [Fact]
    public void JsonLine_RoundTripsAndOldLinesWithoutNewFieldsParse()
    {
        var e = Chain(5)[4];

        Assert.Equal(e, AuditRecord.ParseLine(e.ToJsonLine()));
        var old = AuditRecord.ParseLine($"{{\"seq\":1,\"at\":\"{At}\",\"kind\":\"login.ok\",\"actor\":\"a\",\"target\":null,\"detail\":null,\"prev_sha256\":\"{AuditChainRule.Genesis}\"}}");
        Assert.Null(old.Source);
        Assert.Equal($"1|{At}|login.ok|a|||{AuditChainRule.Genesis}", AuditChainRule.Canonical(old));
    }

    [Fact]
    public void LineWithoutActor_NotAnEvent() =>
        Assert.Throws<System.Text.Json.JsonException>(() => AuditRecord.ParseLine("{\"seq\":1,\"kind\":\"x\"}"));

    private static List<AuditRecord> Chain(int count)
    {
        var events = new List<AuditRecord>();
        var previous = AuditChainRule.Genesis;
        for (var seq = 1; seq <= count; seq++)
        {
            var e = seq <= 2
                ? new AuditRecord(seq, At, "user.created", "owner", $"user-{seq}", null, null, null, null, previous)
                : new AuditRecord(seq, At, "settings.changed", "admin", "retention", null, "192.0.2.1", "{\"years\":1}", "{\"years\":7}", previous);
            events.Add(e);
            previous = AuditChainRule.HashOf(e);
        }

        return events;
    }
}
