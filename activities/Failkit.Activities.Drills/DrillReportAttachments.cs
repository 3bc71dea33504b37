using System.Globalization;
using Failkit.Activities.Notifications;
using Failkit.Evidence;

namespace Failkit.Activities.Drills;

/// <summary>The <c>drill-report:&lt;drill id&gt;</c> attachment: the drill's signed PDF, read from the evidence store, so
/// the completion email carries exactly the bytes the manifest's <c>pdf_sha256</c> names.</summary>
public sealed class DrillReportAttachments(ReportStore reports) : IAttachmentSource
{
    public string Scheme => NotifyDrillCompletion.ReportScheme;

    public async Task<EmailAttachment?> ResolveAsync(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var drillId) || await reports.FindAsync(drillId, ct) is not { PurgedAt: null } report
            || await reports.PdfAsync(report.Number, ct) is not { } pdf)
        {
            return null;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"failkit-drill-report-{report.Number:D6}.pdf");
        return new EmailAttachment(name, "application/pdf", pdf);
    }
}
