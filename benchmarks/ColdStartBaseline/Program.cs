using System.Net;

// A custom handler that does nothing: listen on the port the Functions host gives, answer every
// function's POST with the empty invocation response (Outputs, Logs, ReturnValue).
var builder = WebApplication.CreateSlimBuilder();
var port = int.Parse(Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") ?? "8080", System.Globalization.CultureInfo.InvariantCulture);
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapPost("/{function}", async (HttpContext http) =>
{
    using var body = await System.Text.Json.JsonDocument.ParseAsync(http.Request.Body);
    http.Response.ContentType = "application/json";
    await http.Response.WriteAsync("""{"Outputs":{},"Logs":[],"ReturnValue":null}""");
});
app.Run();
