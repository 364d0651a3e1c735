using System.Collections;
using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using CpAlerts.Application.Ports;
using DotLiquid;

namespace CpAlerts.Adapters.Email;

/// <summary>
/// Liquid templates a council can edit without a rebuild: `{kind}.subject.liquid`, `{kind}.txt.liquid`
/// and `{kind}.html.liquid` in the templates folder, read and parsed once per process (an edit takes effect when
/// the app next starts). Every value is HTML-encoded before the HTML template sees it, so a template cannot forget
/// to; subjects lose control characters (no CR/LF).
/// </summary>
public sealed class EmailTemplates(string folder) : IEmailRenderer
{
    public static string DefaultFolder => CpAlerts.Application.Configuration.DeliverySettings.DefaultTemplatesFolder;

    private readonly ConcurrentDictionary<string, Lazy<Template>> _parsed = new(StringComparer.Ordinal);

    public (string Subject, string Text, string Html) Render(string kind, IReadOnlyDictionary<string, object?> model)
    {
        var subject = SingleLine(RenderFile($"{kind}.subject.liquid", model));
        var text = RenderFile($"{kind}.txt.liquid", model);
        var html = RenderFile($"{kind}.html.liquid", (IReadOnlyDictionary<string, object?>)Encode(model, HtmlEncoder.Default)!);
        return (subject, text, html);
    }

    private string RenderFile(string name, IReadOnlyDictionary<string, object?> model) =>
        _parsed.GetOrAdd(name, n => new Lazy<Template>(() => Parse(n))).Value.Render(new RenderParameters(System.Globalization.CultureInfo.InvariantCulture)
        {
            LocalVariables = Hash.FromDictionary(ToHash(model)),
            ErrorsOutputMode = ErrorsOutputMode.Rethrow,
        });

    private Template Parse(string name)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Email template {name} is missing from {folder} (setting CpAlerts__Email__TemplatesFolder).");
        }

        // One parsed template shared by every delivery: a thread-safe template gives each render a fresh context and
        // keeps no assigns, registers or errors of its own (DotLiquid Template.MakeThreadSafe; RenderParameters.Evaluate
        // makes new hashes when template.IsThreadSafe).
        var template = Template.Parse(File.ReadAllText(path));
        template.MakeThreadSafe();
        return template;
    }

    /// <summary>Headers must be one line: CR, LF and other control characters become spaces.</summary>
    public static string SingleLine(string text) =>
        string.Join(' ', new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static object? Encode(object? value, HtmlEncoder encoder) => value switch
    {
        null => null,
        string s => encoder.Encode(s),
        IReadOnlyDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => Encode(kv.Value, encoder)),
        IEnumerable<IReadOnlyDictionary<string, object?>> list => list.Select(i => (IReadOnlyDictionary<string, object?>)Encode(i, encoder)!).ToList(),
        IEnumerable<string> strings => strings.Select(encoder.Encode).ToList(),
        int or long or decimal or double or bool => value, // numbers and booleans need no encoding
        // Anything else could reach the page unencoded: refuse it rather than guess.
        _ => throw new ArgumentException($"an email model value of type {value.GetType().Name} cannot be encoded; use text, numbers, lists of text or of dictionaries"),
    };

    private static Dictionary<string, object?> ToHash(IReadOnlyDictionary<string, object?> model) =>
        model.ToDictionary(kv => kv.Key, kv => kv.Value switch
        {
            IReadOnlyDictionary<string, object?> d => Hash.FromDictionary(ToHash(d)),
            IEnumerable<IReadOnlyDictionary<string, object?>> list => (object)list.Select(i => Hash.FromDictionary(ToHash(i))).ToList(),
            IEnumerable e and not string => e,
            var v => v,
        });
}
