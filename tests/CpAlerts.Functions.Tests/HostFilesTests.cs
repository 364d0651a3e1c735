using System.Text.Json.Nodes;

namespace CpAlerts.Functions.Tests;

/// <summary>host.json and every function.json as the Functions host will read them from the build output.</summary>
public class HostFilesTests
{
    private static readonly string Root = AppContext.BaseDirectory;

    private static JsonObject Read(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    private static IEnumerable<(string Function, JsonObject Json)> Functions() =>
        Directory.GetDirectories(Root)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d => (Path.GetFileName(d), Read(Path.Combine(d, "function.json"))));

    [Fact]
    public void Host_json_starts_our_executable_as_a_custom_handler()
    {
        var host = Read(Path.Combine(Root, "host.json"));
        Assert.Equal("2.0", (string?)host["version"]);
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", (string?)host["extensionBundle"]!["id"]);
        Assert.Equal("[4.*, 5.0.0)", (string?)host["extensionBundle"]!["version"]);
        var description = host["customHandler"]!["description"]!;
        Assert.Equal("CpAlerts", (string?)description["defaultExecutablePath"]);
        Assert.True(File.Exists(Path.Combine(Root, (string)description["defaultExecutablePath"]!)), "the executable host.json names is built next to it");
        Assert.Equal(["serve"], description["arguments"]!.AsArray().Select(a => (string?)a));
        // The team view's HTTP functions are forwarded to the handler as the browser sent them (docs/host-contract.md; Web/WebEndpoints.cs).
        Assert.True((bool)host["customHandler"]!["enableForwardingHttpRequest"]!);
        // No route prefix, so that "/" can be a function's route (Home); the pages keep their /api/… addresses, written in
        // full in each function.json (The_host_routes_each_address_to_the_function_whose_page_the_handler_serves_there).
        Assert.Equal("", (string?)host["extensions"]!["http"]!["routePrefix"]);
    }

    [Fact]
    public void The_functions_and_their_output_bindings_are_the_ones_the_handler_uses()
    {
        // The handler answers outputs by name (Handler/OutputBindings.cs); the host sends only those a function.json binds
        // and drops the rest unsent, and a binding the handler never fills is a queue nothing feeds: both ways, by name.
        var functions = Functions().ToDictionary(f => f.Function, f => f.Json);
        Assert.Equal(Handler.OutputBindings.ByFunction.Keys.Order(StringComparer.Ordinal), functions.Keys.Order(StringComparer.Ordinal));
        var mismatches = new List<string>();
        foreach (var (function, json) in functions)
        {
            var bound = json["bindings"]!.AsArray().Where(b => (string?)b!["direction"] == "out").Select(b => (string)b!["name"]!).ToList();
            var declared = Handler.OutputBindings.ByFunction[function];
            mismatches.AddRange(declared.Except(bound, StringComparer.Ordinal).Select(name => $"{function}: the handler answers '{name}', which function.json does not bind (the host would drop it)"));
            mismatches.AddRange(bound.Except(declared, StringComparer.Ordinal).Select(name => $"{function}: function.json binds '{name}', which the handler never fills"));
            Assert.Equal(bound.Count, bound.Distinct(StringComparer.Ordinal).Count());
        }

        if (mismatches.Count > 0)
        {
            Assert.Fail(string.Join(Environment.NewLine, mismatches));
        }
    }

    [Fact]
    public void Retry_copies_go_to_the_queue_or_topic_each_delivery_function_is_triggered_from()
    {
        var triggers = Functions().ToDictionary(f => f.Function, f => f.Json["bindings"]!.AsArray().Single(b => (string?)b!["direction"] == "in")!);
        foreach (var (function, entity) in Handler.DeliveryFunctions.Entities)
        {
            Assert.Equal("serviceBusTrigger", (string?)triggers[function]["type"]);
            Assert.Equal(entity, (string?)triggers[function]["queueName"] ?? (string?)triggers[function]["topicName"]);
        }

        Assert.Equal(triggers.Where(t => (string?)t.Value["type"] == "serviceBusTrigger" && t.Key != "SweepCouncil").Select(t => t.Key).Order(),
            Handler.DeliveryFunctions.Entities.Keys.Order());
    }

    [Fact]
    public void Every_binding_has_what_the_host_requires()
    {
        var functions = Functions().ToList();
        Assert.NotEmpty(functions);
        foreach (var (function, json) in functions)
        {
            var bindings = json["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList();
            Assert.All(bindings, b =>
            {
                Assert.False(string.IsNullOrEmpty((string?)b["name"]), $"{function}: a binding without a name");
                Assert.True((string?)b["direction"] is "in" or "out", $"{function}: direction must be in or out");
            });
            var trigger = Assert.Single(bindings, b => ((string?)b["type"])!.EndsWith("Trigger", StringComparison.Ordinal));
            Assert.Equal("in", (string?)trigger["direction"]);
            switch ((string?)trigger["type"])
            {
                case "timerTrigger":
                    Assert.Equal(6, ((string)trigger["schedule"]!).Split(' ').Length); // NCRONTAB with seconds
                    break;
                case "serviceBusTrigger":
                    Assert.Equal("ServiceBusConnection", (string?)trigger["connection"]);
                    Assert.True(trigger["queueName"] is not null || (trigger["topicName"] is not null && trigger["subscriptionName"] is not null), $"{function}: a queue, or a topic and subscription");
                    break;
                case "httpTrigger":
                    // Forwarded only when the function is HTTP in and HTTP out alone (FunctionMetadataExtensions.IsHttpInAndOutFunction:
                    // one httpTrigger input, one http output); anonymous because App Service authentication stands in front.
                    Assert.Equal("anonymous", (string?)trigger["authLevel"]);
                    Assert.NotNull(trigger["route"]);
                    Assert.Equal(2, bindings.Count);
                    Assert.Equal("http", (string?)Assert.Single(bindings, b => (string?)b["direction"] == "out")["type"]);
                    continue;
                default:
                    Assert.Fail($"{function}: trigger type {(string?)trigger["type"]} (expected timerTrigger, serviceBusTrigger or httpTrigger)");
                    break;
            }

            foreach (var output in bindings.Where(b => (string?)b["direction"] == "out"))
            {
                Assert.Equal("serviceBus", (string?)output["type"]);
                Assert.Equal("ServiceBusConnection", (string?)output["connection"]);
                Assert.True(output["queueName"] is not null ^ output["topicName"] is not null, $"{function}.{output["name"]}: exactly one of queueName/topicName");
            }
        }
    }

    [Fact]
    public void The_team_view_routes_and_methods_are_the_ones_the_handler_serves()
    {
        var http = Functions().Select(f => (f.Function, Trigger: f.Json["bindings"]![0]!)).Where(f => (string?)f.Trigger["type"] == "httpTrigger")
            .ToDictionary(f => f.Function, f => ((string)f.Trigger["route"]!, string.Join(",", f.Trigger["methods"]!.AsArray().Select(m => (string?)m))));
        // WebEndpoints maps exactly these: GET is safe, every change a POST.
        Assert.Equal(("/", "get"), http["Home"]);
        Assert.Equal(("api/team", "get"), http["TeamView"]);
        Assert.Equal(("api/acknowledge", "get,post"), http["Acknowledge"]);
        Assert.Equal(("api/acknowledge/withdraw", "post"), http["WithdrawAcknowledgement"]);
        Assert.Equal(4, http.Count);
    }

    /// <summary>
    /// Each function's route as the Functions host maps it, against the path the handler serves its page at: the host joins
    /// host.json's routePrefix and the route (azure-webjobs-sdk-extensions, WebJobsRouteBuilder.BuildRouteTemplate: the
    /// route alone when the prefix is empty, else prefix + '/' + route) and routes with ASP.NET Core's Route
    /// (WebJobsRouteBuilder.MapFunctionRoute), whose parser drops one leading '/' (RoutePatternParser.TrimPrefix), so "/"
    /// is the empty template: the app's address and nothing else. It refuses a route in its own space
    /// (azure-functions-host, ScriptHost.ValidateHttpFunction: admin…, runtime…). Parsed and matched here by the same
    /// ASP.NET Core routing the host runs.
    /// </summary>
    [Fact]
    public void The_host_routes_each_address_to_the_function_whose_page_the_handler_serves_there()
    {
        var prefix = (string?)Read(Path.Combine(Root, "host.json"))["extensions"]?["http"]?["routePrefix"] ?? "api";
        var templates = Functions().Select(f => (f.Function, Trigger: f.Json["bindings"]![0]!)).Where(f => (string?)f.Trigger["type"] == "httpTrigger")
            .ToDictionary(f => f.Function, f => (string)f.Trigger["route"]!);
        var served = new Dictionary<string, string>
        {
            [Web.WebEndpoints.Home] = Application.Configuration.TeamViewRoutes.Home,
            [Web.WebEndpoints.TeamView] = Application.Configuration.TeamViewRoutes.Team,
            [Web.WebEndpoints.Acknowledge] = Application.Configuration.TeamViewRoutes.Acknowledge,
            [Web.WebEndpoints.WithdrawAcknowledgement] = Application.Configuration.TeamViewRoutes.Withdraw,
        };
        Assert.Equal(served.Keys.Order(), templates.Keys.Order());
        foreach (var (function, route) in templates)
        {
            var trimmed = route.Trim('/');
            Assert.False(trimmed.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("runtime", StringComparison.OrdinalIgnoreCase),
                $"{function}: the host refuses routes under admin or runtime");
            var template = string.IsNullOrEmpty(prefix) ? route : prefix + '/' + route;
            var matcher = new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(
                Microsoft.AspNetCore.Routing.Template.TemplateParser.Parse(template), new Microsoft.AspNetCore.Routing.RouteValueDictionary());
            foreach (var (other, path) in served)
            {
                Assert.True(matcher.TryMatch(path, new Microsoft.AspNetCore.Routing.RouteValueDictionary()) == (other == function),
                    $"{function} (template '{template}') {(other == function ? "does not match" : "also matches")} {path}, where the handler serves {other}");
            }

            Assert.False(matcher.TryMatch("/admin/host/status", new Microsoft.AspNetCore.Routing.RouteValueDictionary()), $"{function} would take the host's own status page");
        }
    }

    [Fact]
    public void Timers_fire_at_both_utc_candidates_of_the_london_hour()
    {
        var schedules = Functions().Where(f => f.Function is "DailySweep" or "WeeklyDigest" or "PublishScorecard")
            .ToDictionary(f => f.Function, f => (string)f.Json["bindings"]![0]!["schedule"]!);
        Assert.Equal("0 0 5,6 * * *", schedules["DailySweep"]);
        Assert.Equal("0 0 6,7 * * 1-5", schedules["WeeklyDigest"]);       // Monday, or the next working day after a bank holiday
        Assert.Equal("0 0 6,7 1-7 * *", schedules["PublishScorecard"]);   // the 1st, or the first working day after it
        var purge = Functions().Single(f => f.Function == "PurgeOldRecords").Json;
        Assert.Equal("0 30 2 * * *", (string)purge["bindings"]![0]!["schedule"]!); // daily, a quiet hour; nothing is sent, so no London-hour rule
        Assert.Single(purge["bindings"]!.AsArray()); // no outputs
    }

    [Fact]
    public void Timer_retries_wait_at_most_a_minute()
    {
        // A timer's retries are held in the host's memory: an instance recycled between them loses them, and the timer
        // does not resume on a new instance ("Azure Functions error handling and retries", Max retry counts). Short
        // waits (Microsoft advised at most a minute and 5 retries on Consumption) and the past-due catch-up on start
        // (README "When something fails", point 5) with the 07:30 daily-sweep alert do the rest.
        var timers = Functions().Where(f => (string?)f.Json["bindings"]![0]!["type"] == "timerTrigger").ToList();
        Assert.Equal(["DailySweep", "PublishScorecard", "PurgeOldRecords", "WeeklyDigest"], timers.Select(t => t.Function).Order());
        foreach (var (function, json) in timers)
        {
            var retry = json["retry"]!;
            Assert.True((int)retry["maxRetryCount"]! is > 0 and <= 5, $"{function}: 1 to 5 retries");
            var longest = (string?)retry["strategy"] switch
            {
                "exponentialBackoff" => TimeSpan.Parse((string)retry["maximumInterval"]!, System.Globalization.CultureInfo.InvariantCulture),
                "fixedDelay" => TimeSpan.Parse((string)retry["delayInterval"]!, System.Globalization.CultureInfo.InvariantCulture),
                var other => throw new Xunit.Sdk.XunitException($"{function}: retry strategy {other}"),
            };
            Assert.True(longest > TimeSpan.Zero && longest <= TimeSpan.FromMinutes(1), $"{function}: longest retry wait {longest} (at most a minute)");
            if ((string?)retry["strategy"] == "exponentialBackoff")
                Assert.True(TimeSpan.Parse((string)retry["minimumInterval"]!, System.Globalization.CultureInfo.InvariantCulture) <= longest, $"{function}: minimumInterval <= maximumInterval");
        }
    }
}
