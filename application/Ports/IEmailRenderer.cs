namespace CpAlerts.Application.Ports;

/// <summary>Turns a model into an email's subject, text and HTML, by kind of email (the council-editable templates).</summary>
public interface IEmailRenderer
{
    (string Subject, string Text, string Html) Render(string kind, IReadOnlyDictionary<string, object?> model);
}
