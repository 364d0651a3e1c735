using System.CommandLine;
using System.Net;
using CpAlerts.Functions.Configuration;
using CpAlerts.Functions.Delivery;
using CpAlerts.Functions.Handler;
using CpAlerts.Functions.Storage;
using CpAlerts.Functions.Sweep;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CpAlerts.Functions.Cli;

/// <summary>`serve`: the Azure Functions custom handler. The host starts it (host.json) and POSTs invocations to it on loopback.</summary>
public static class ServeCommand
{
    public static Command Create(IConfiguration configuration, IClock clock)
    {
        var port = new Option<int?>("--port") { Description = "Port on 127.0.0.1 (default: FUNCTIONS_CUSTOMHANDLER_PORT, set by the Functions host)." };
        var command = new Command("serve", "Run as the Azure Functions custom handler on 127.0.0.1.") { port };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var app = await BuildAsync(configuration, clock, parse.GetValue(port), cancellationToken);
            await app.RunAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The whole handler, composed in one place: storage → sweep → functions → endpoints.</summary>
    /// <param name="wrapSender">The demo's fault injection only: wraps the configured email sender.</param>
    public static async Task<WebApplication> BuildAsync(IConfiguration configuration, IClock clock, int? port, CancellationToken cancellationToken, Func<IEmailSender, IEmailSender>? wrapSender = null)
    {
        var settings = HandlerSettings.Read(configuration, port);
        var builder = WebApplication.CreateSlimBuilder();
        // Quiet framework logs unless configured otherwise (Logging__LogLevel__… settings win).
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.None);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        // Warnings and errors to stderr, the rest to stdout; the host captures both (HOST-CONTRACT.md). Scopes
        // put the function name and the host's invocation id on every line logged during an invocation.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = true;
        });
        // Loopback only: nothing but the Functions host on the same machine can invoke a function.
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, settings.Port));

        var storage = TableStorage.FromConfiguration(configuration);
        await storage.EnsureTablesAsync(cancellationToken);
        var caseload = new CaseloadStore(storage);
        var sweeps = new SweepFunctions(caseload, new CouncilSweep(caseload, new FindingStateStore(storage), settings.Sweep), new SweepRunLog(storage), clock)
        {
            ScorecardPeriod = settings.ScorecardPeriod,
        };
        var content = new EmailContent(caseload, settings.Delivery);
        var sender = settings.Sender();
        var pipeline = new DeliveryPipeline(caseload, new DeliveryLog(storage, settings.DeliveryLease), new EmailTemplates(settings.Delivery.TemplatesFolder),
            wrapSender is null ? sender : wrapSender(sender), settings.Delivery, clock);

        var app = builder.Build();
        var delivery = new DeliveryFunctions(pipeline, content, async (council, periodEnd, kind, ct) =>
            ScorecardCommand.Build(configuration, council, await caseload.ReadCaseloadAsync(council, ct), periodEnd, kind),
            settings.DeliveryRetry, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CpAlerts.Delivery"));
        FunctionEndpoints.Map(app, new Dictionary<string, FunctionEndpoints.FunctionHandler>
        {
            [SweepFunctions.DailySweep] = sweeps.DailySweepAsync,
            [SweepFunctions.WeeklyDigest] = sweeps.WeeklyDigestAsync,
            [SweepFunctions.PublishScorecard] = sweeps.PublishScorecardAsync,
            [SweepFunctions.SweepCouncil] = sweeps.SweepCouncilAsync,
            [DeliveryFunctions.DeliverDigest] = delivery.DeliverDigestAsync,
            [DeliveryFunctions.DeliverEscalation] = delivery.DeliverEscalationAsync,
            [DeliveryFunctions.NotifyHealthTeam] = delivery.NotifyHealthTeamAsync,
            [DeliveryFunctions.DeliverScorecard] = delivery.DeliverScorecardAsync,
        });
        return app;
    }
}
