using System.Net;
using System.Text;
using MimeKit;

namespace CpAlerts.Functions.LocalRun;

/// <summary>out/index.html: every email in the outbox, grouped by audience, with counts and links.</summary>
public static class OutboxIndex
{
    public sealed record Entry(string Audience, string Kind, string To, string Subject, string File);

    public static IReadOnlyList<Entry> Read(string outbox) =>
        [.. (Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml") : []).Select(path =>
            {
                using var message = MimeMessage.Load(path);
                return new Entry(message.Headers["X-CpAlerts-Audience"] ?? "?", message.Headers["X-CpAlerts-Kind"] ?? "?",
                    string.Join(", ", message.To.Mailboxes.Select(m => m.Address)), message.Subject ?? "", Path.GetFileNameWithoutExtension(path));
            }).OrderBy(e => e.Audience, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ThenBy(e => e.File, StringComparer.Ordinal)];

    public static void Write(string outFolder, string outboxFolderName, IReadOnlyList<Entry> entries, string title)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append($"<title>{E(title)}</title><style>body{{font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;max-width:960px;margin:auto;padding:16px}}");
        html.Append("table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #6f6f6f}a{color:#1d5aa6}</style></head><body><main>");
        html.Append($"<h1>{E(title)}</h1><p>{entries.Count} email(s). <a href=\"scorecard.html\">Corporate Parenting scorecard</a>.</p><ul>");
        foreach (var group in entries.GroupBy(e => e.Audience))
        {
            html.Append($"<li><a href=\"#{E(group.Key)}\">{E(group.Key)}</a>: {group.Count()}</li>");
        }

        html.Append("</ul>");
        foreach (var group in entries.GroupBy(e => e.Audience))
        {
            html.Append($"<h2 id=\"{E(group.Key)}\">{E(group.Key)} ({group.Count()})</h2><table><thead><tr><th scope=\"col\">To</th><th scope=\"col\">Kind</th><th scope=\"col\">Subject</th><th scope=\"col\">Files</th></tr></thead><tbody>");
            foreach (var e in group)
            {
                var link = $"{outboxFolderName}/{Uri.EscapeDataString(e.File)}";
                html.Append($"<tr><td>{E(e.To)}</td><td>{E(e.Kind)}</td><td><a href=\"{E(link)}.html\">{E(e.Subject)}</a></td><td><a href=\"{E(link)}.eml\">.eml</a></td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</main></body></html>\n");
        File.WriteAllText(Path.Combine(outFolder, "index.html"), html.ToString(), new UTF8Encoding(false));
    }
}
