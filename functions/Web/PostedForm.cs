using Microsoft.AspNetCore.Http.Features;

namespace CpAlerts.Functions.Web;

/// <summary>
/// A posted form, read within explicit limits and only after sign-in was checked: the team view's forms are a few short
/// fields, so a 5 MB field, thousands of fields or a body that is not a form are answered with the usual error page
/// (413 or 400), never a 500 with an empty body.
/// </summary>
internal static class PostedForm
{
    /// <summary>The largest form body taken: the acknowledge form is well under 2 KB.</summary>
    public const long MaxBytes = 16 * 1024;

    private static readonly FormOptions Limits = new()
    {
        ValueCountLimit = 20,
        KeyLengthLimit = 64,
        ValueLengthLimit = 4 * 1024,
        MultipartBodyLengthLimit = MaxBytes,
        MultipartHeadersLengthLimit = 4 * 1024,
    };

    /// <summary>The form (empty when the request has none), or the page that says why it was not taken.</summary>
    public static async Task<(IFormCollection Form, WebPage? Refusal)> ReadAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return (FormCollection.Empty, null);
        }

        if (http.Features.Get<IFormFeature>() is { Form: { } read })
        {
            return (read, null); // read once already for this request
        }

        if (http.Request.ContentLength > MaxBytes)
        {
            return (FormCollection.Empty, TooLarge);
        }

        http.Features.Set<IFormFeature>(new FormFeature(http.Request, Limits));
        try
        {
            return (await http.Request.ReadFormAsync(http.RequestAborted), null);
        }
        catch (InvalidDataException e)
        {
            // FormReader's and MultipartReader's limits ("Form value count limit 20 exceeded.") are too large; anything else is malformed.
            return (FormCollection.Empty, e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? TooLarge : Unreadable);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException)
        {
            return (FormCollection.Empty, Unreadable);
        }
    }

    private static WebPage Unreadable => WebPages.Message(400, "This form could not be read", "Open the page again and send the form from it.");

    private static WebPage TooLarge => WebPages.Message(413, "This form is too large", "The team view's forms take a few short answers. Open the page again and send the form from it.");
}
