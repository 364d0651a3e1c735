using System.CommandLine;
using CpAlerts.Application.Configuration;
using NodaTime;

namespace CpAlerts.Functions.Handler;

/// <summary>`serve`: the Azure Functions custom handler. The host starts it (host.json) and POSTs invocations to it on loopback.</summary>
public static class ServeCommand
{
    public static Command Create(IConfiguration configuration, IClock clock)
    {
        var port = new Option<int?>("--port") { Description = "Port on 127.0.0.1 (default: FUNCTIONS_CUSTOMHANDLER_PORT, set by the Functions host)." };
        var command = new Command("serve", "Run as the Azure Functions custom handler on 127.0.0.1.") { port };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var app = await HandlerApp.BuildAsync(HandlerSettings.Read(configuration, parse.GetValue(port)), configuration, clock);
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
