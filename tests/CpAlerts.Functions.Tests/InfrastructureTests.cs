using System.Text.Json.Nodes;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// The security and wiring properties of infra-bicep/, read from the ARM JSON the real Bicep CLI compiled
/// (scripts/bicep.sh writes out/infra/main.json; scripts/test.sh runs it before the tests).
/// </summary>
public class InfrastructureTests
{
    private static readonly Lazy<JsonObject> Template = new(() =>
    {
        var path = RepositoryRoot.Out("infra", "main.json");
        return File.Exists(path)
            ? JsonNode.Parse(File.ReadAllText(path))!.AsObject()
            : throw new InvalidOperationException($"{path} is missing: run scripts/bicep.sh (scripts/test.sh does) to compile infra-bicep/.");
    });

    // Quotes as written, so expressions like createArray('sweeps', …) can be searched.
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every resource in the template and its nested module deployments, with the template that holds it.</summary>
    private static IEnumerable<(JsonObject Resource, JsonObject Template)> All(JsonObject? template = null)
    {
        template ??= Template.Value;
        foreach (var resource in template["resources"]!.AsArray().Select(r => r!.AsObject()))
        {
            yield return (resource, template);
            if ((string?)resource["type"] == "Microsoft.Resources/deployments")
            {
                foreach (var nested in All(resource["properties"]!["template"]!.AsObject()))
                {
                    yield return nested;
                }
            }
        }
    }

    private static List<JsonObject> OfType(string type) => [.. All().Where(r => (string?)r.Resource["type"] == type).Select(r => r.Resource)];

    private static JsonNode Properties(string type) => Assert.Single(OfType(type))["properties"]!;

    [Fact]
    public void Function_app_is_flex_consumption_custom_runtime_with_its_own_identity()
    {
        var plan = Assert.Single(OfType("Microsoft.Web/serverfarms"));
        Assert.Equal(("FC1", "FlexConsumption"), ((string?)plan["sku"]!["name"], (string?)plan["sku"]!["tier"]));
        var app = Assert.Single(OfType("Microsoft.Web/sites"));
        Assert.Equal("SystemAssigned", (string?)app["identity"]!["type"]);
        var p = app["properties"]!;
        Assert.True((bool)p["httpsOnly"]!);
        Assert.Equal("custom", (string?)p["functionAppConfig"]!["runtime"]!["name"]);
        Assert.Empty(p["functionAppConfig"]!["scaleAndConcurrency"]!["alwaysReady"]!.AsArray());
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)p["functionAppConfig"]!["scaleAndConcurrency"]!["maximumInstanceCount"]);
        Assert.Equal("SystemAssignedIdentity", (string?)p["functionAppConfig"]!["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.Equal(("1.2", "Disabled"), ((string?)p["siteConfig"]!["minTlsVersion"], (string?)p["siteConfig"]!["ftpsState"]));
        Assert.All(OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies"), policy => Assert.False((bool)policy["properties"]!["allow"]!));
        Assert.Equal(2, OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").Count);
        Assert.Equal("uksouth", (string?)Template.Value["parameters"]!["location"]!["defaultValue"]);
    }

    [Fact]
    public void The_team_view_is_behind_entra_id_sign_in_and_trusts_the_platform_header_only_then()
    {
        var auth = Assert.Single(OfType("Microsoft.Web/sites/config"));
        Assert.Equal("[not(empty(parameters('signInClientId')))]", (string?)auth["condition"]);
        var p = auth["properties"]!;
        Assert.True((bool)p["platform"]!["enabled"]!);
        Assert.True((bool)p["globalValidation"]!["requireAuthentication"]!);
        Assert.Equal("RedirectToLoginPage", (string?)p["globalValidation"]!["unauthenticatedClientAction"]);
        Assert.Null(p["globalValidation"]!["excludedPaths"]); // nothing let through unauthenticated
        Assert.True((bool)p["identityProviders"]!["azureActiveDirectory"]!["enabled"]!);
        Assert.True((bool)p["httpSettings"]!["requireHttps"]!);
        var settings = Assert.Single(OfType("Microsoft.Web/sites"))["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!);
        Assert.Equal("[if(empty(parameters('signInClientId')), 'off', 'platform')]", settings["CpAlerts__Web__SignIn"]);
    }

    [Fact]
    public void No_keys_anywhere_identity_connections_and_a_key_vault_reference()
    {
        var settings = Assert.Single(OfType("Microsoft.Web/sites"))["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!);
        Assert.Contains("AzureWebJobsStorage__accountName", settings.Keys);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys); // no connection string
        Assert.Contains("ServiceBusConnection__fullyQualifiedNamespace", settings.Keys);
        Assert.Contains("CpAlerts__Tables__Endpoint", settings.Keys);
        Assert.DoesNotContain("CpAlerts__Tables__ConnectionString", settings.Keys);
        Assert.StartsWith("[format('@Microsoft.KeyVault(VaultName=", settings["CpAlerts__SendGrid__ApiKey"], StringComparison.Ordinal);
        var text = Template.Value.ToJsonString(Readable);
        foreach (var secretish in new[] { "AccountKey=", "SharedAccessKey", "listKeys(", "SG." })
        {
            Assert.DoesNotContain(secretish, text, StringComparison.Ordinal);
        }

        Assert.Equal("securestring", (string?)Template.Value["parameters"]!["sendGridApiKey"]!["type"]);
        Assert.DoesNotContain("sendGridApiKey", Template.Value["outputs"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_allows_no_shared_keys_no_public_blobs_and_has_every_table_the_code_uses()
    {
        var p = Properties("Microsoft.Storage/storageAccounts");
        Assert.False((bool)p["allowSharedKeyAccess"]!);
        Assert.False((bool)p["allowBlobPublicAccess"]!);
        Assert.True((bool)p["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)p["minimumTlsVersion"]);
        var storageModule = All().Single(r => (string?)r.Resource["type"] == "Microsoft.Storage/storageAccounts").Template;
        var tables = storageModule["variables"]!["tableNames"]!.AsArray().Select(t => (string?)t).ToList();
        Assert.Equal(TableNames.All.Order(), tables.Order());
    }

    [Fact]
    public void Service_bus_has_every_entity_the_functions_use_with_duplicate_detection_and_dead_lettering()
    {
        Assert.True((bool)Properties("Microsoft.ServiceBus/namespaces")["disableLocalAuth"]!);
        var bus = All().Single(r => (string?)r.Resource["type"] == "Microsoft.ServiceBus/namespaces").Template;
        var busText = bus.ToJsonString(Readable);
        var functionJson = Directory.GetFiles(AppContext.BaseDirectory, "function.json", SearchOption.AllDirectories)
            .SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["bindings"]!.AsArray())
            .Where(b => ((string?)b!["type"])!.StartsWith("serviceBus", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(functionJson);
        foreach (var binding in functionJson)
        {
            foreach (var entity in new[] { (string?)binding!["queueName"], (string?)binding["topicName"], (string?)binding["subscriptionName"] }.OfType<string>())
            {
                Assert.Contains($"'{entity}'", busText, StringComparison.Ordinal);
            }
        }

        var queue = Assert.Single(OfType("Microsoft.ServiceBus/namespaces/queues"))["properties"]!;
        var settings = bus["variables"]!["queueProperties"]!;
        Assert.Equal("[variables('queueProperties')]", (string?)queue);
        Assert.True((bool)settings["requiresDuplicateDetection"]!);
        // The retry copies and the dead-letter tool rely on this window (ServiceBusEntities).
        Assert.Equal(System.Xml.XmlConvert.ToString(ServiceBusEntities.DuplicateDetectionWindow.ToTimeSpan()), (string?)settings["duplicateDetectionHistoryTimeWindow"]);
        Assert.Equal((string?)settings["duplicateDetectionHistoryTimeWindow"], (string?)Properties("Microsoft.ServiceBus/namespaces/topics")["duplicateDetectionHistoryTimeWindow"]);
        Assert.True((bool)Properties("Microsoft.ServiceBus/namespaces/topics")["requiresDuplicateDetection"]!);
        Assert.True((bool)settings["deadLetteringOnMessageExpiration"]!);
        Assert.Equal("PT5M", (string?)settings["lockDuration"]);
        var subscription = Assert.Single(OfType("Microsoft.ServiceBus/namespaces/topics/subscriptions"))["properties"]!;
        Assert.True((bool)subscription["deadLetteringOnMessageExpiration"]!);
        // Every subscription has a reader: an unread one keeps its messages (and child ids) until the topic is full.
        var read = functionJson.Select(b => (string?)b!["subscriptionName"]).OfType<string>().ToHashSet();
        var subscriptionNames = bus["resources"]!.AsArray().Where(r => (string?)r!["type"] == "Microsoft.ServiceBus/namespaces/topics/subscriptions")
            .Select(r => r!["copy"]?["input"]?.ToJsonString() ?? (string?)r["name"]).ToList();
        Assert.Equal(["'delivery'"], System.Text.RegularExpressions.Regex.Matches(string.Join(" ", subscriptionNames), "'[a-z-]+'").Select(m => m.Value).Where(v => v != "'escalations'"));
        Assert.All(read, name => Assert.Contains($"'{name}'", string.Join(" ", subscriptionNames), StringComparison.Ordinal));
        Assert.True((bool)Properties("Microsoft.ServiceBus/namespaces/topics")["requiresDuplicateDetection"]!);
    }

    [Fact]
    public void Key_vault_uses_rbac_and_purge_protection()
    {
        var p = Properties("Microsoft.KeyVault/vaults");
        Assert.True((bool)p["enableRbacAuthorization"]!);
        Assert.True((bool)p["enablePurgeProtection"]!);
    }

    // Table Data Contributor, Blob Data Owner, Service Bus Data Sender and Receiver, Key Vault Secrets User, Monitoring Metrics Publisher.
    private static readonly string[] LeastPrivilegeRoles =
    [
        "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
        "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "4633458b-17de-408a-b874-0445c86b69e6", "3913510d-42f4-4e42-8a64-420c390055eb",
    ];

    [Fact]
    public void Role_assignments_are_exactly_the_least_privilege_set()
    {
        var roleModule = All().First(r => (string?)r.Resource["type"] == "Microsoft.Authorization/roleAssignments").Template;
        var roles = roleModule["variables"]!["roles"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
        Assert.Equal(LeastPrivilegeRoles.Order(), roles.Values.Order());
        var assignments = OfType("Microsoft.Authorization/roleAssignments");
        Assert.Equal(roles.Count, assignments.Count);
        Assert.All(assignments, a => Assert.Equal("ServicePrincipal", (string?)a["properties"]!["principalType"]));
        var text = Template.Value.ToJsonString(Readable);
        Assert.DoesNotContain("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", text, StringComparison.Ordinal); // Owner
        Assert.DoesNotContain("b24988ac-6180-42a0-ab88-20f7382dd24c", text, StringComparison.Ordinal); // Contributor
    }

    [Fact]
    public void Dead_letters_alert_the_operator_and_diagnostics_go_to_log_analytics()
    {
        var alert = Properties("Microsoft.Insights/metricAlerts");
        var criterion = alert["criteria"]!["allOf"]![0]!;
        Assert.Equal(("DeadletteredMessages", "GreaterThan", 0), ((string?)criterion["metricName"], (string?)criterion["operator"], (int)criterion["threshold"]!));
        Assert.Single(alert["actions"]!.AsArray());
        // Per queue or topic, and re-arming: one stuck dead-letter must not silence the next.
        Assert.Equal(("EntityName", "*"), ((string?)criterion["dimensions"]![0]!["name"], (string?)criterion["dimensions"]![0]!["values"]![0]));
        Assert.True((bool)alert["autoMitigate"]!);
        var errors = Rule("delivery-errors")["properties"]!;
        var query = (string)errors["criteria"]!["allOf"]![0]!["query"]!;
        foreach (var marker in new[] { "configuration error", "message rejected" })
        {
            Assert.Contains(marker, query, StringComparison.Ordinal); // the handler's own error lines (HandlerLog)
        }
        // A failed delivery alerts once, through deliveryFailed (the emails metric, which names the kind of email).
        Assert.DoesNotContain("delivery failed", query, StringComparison.Ordinal);
        Assert.Equal(2, OfType("Microsoft.Insights/diagnosticSettings").Count);
        var insights = Properties("Microsoft.Insights/components");
        Assert.True((bool)insights["DisableLocalAuth"]!);
    }

    // ---- Alerts on the handler's metrics, and the workbook ----

    private static readonly string[] MetricNames =
    [
        "cpalerts.sweep.completed", "cpalerts.sweep.duration", "cpalerts.findings", "cpalerts.emails", "cpalerts.records.imported",
        "cpalerts.records.rejected", "cpalerts.records.removed", "cpalerts.imports.held_back", "cpalerts.retention.purged",
    ];

    /// <summary>The scheduled query rule whose name ends with the suffix (names are "APP-suffix").</summary>
    private static JsonObject Rule(string suffix) =>
        Assert.Single(OfType("Microsoft.Insights/scheduledQueryRules"), r => ((string)r["name"]!).Contains($"-{suffix}'", StringComparison.Ordinal));

    /// <summary>A rule's query text: written inline, or a variable of its module (the heartbeat's is built with replace()).</summary>
    private static string QueryOf(JsonObject rule)
    {
        var query = (string)rule["properties"]!["criteria"]!["allOf"]![0]!["query"]!;
        var variable = System.Text.RegularExpressions.Regex.Match(query, @"^\[variables\('(\w+)'\)\]$");
        if (!variable.Success)
        {
            return query;
        }

        var module = All().Single(r => ReferenceEquals(r.Resource, rule)).Template;
        return module["variables"]![variable.Groups[1].Value]!.ToString();
    }

    private static void AssertNotifiesTheOperators(JsonObject rule)
    {
        var p = rule["properties"]!;
        Assert.Equal("[parameters('actionGroupId')]", (string?)Assert.Single(p["actions"]!["actionGroups"]!.AsArray()));
        Assert.Equal("[parameters('appInsightsId')]", (string?)Assert.Single(p["scopes"]!.AsArray()));
        Assert.True((bool)p["enabled"]!);
        Assert.Contains("What the alerts mean", (string)p["description"]!, StringComparison.Ordinal);
        // ... which main.bicep binds to the operators' action group (monitoring.bicep).
        var alertsModule = All().Single(r => (string?)r.Resource["name"] == "alerts").Resource;
        Assert.Contains("'monitoring'), '", (string)alertsModule["properties"]!["parameters"]!["actionGroupId"]!["value"]!, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.actionGroupId.value]", (string)alertsModule["properties"]!["parameters"]!["actionGroupId"]!["value"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void The_daily_sweep_heartbeat_fires_per_council_after_07_30_london_time()
    {
        var rule = Rule("daily-sweep-missing");
        AssertNotifiesTheOperators(rule);
        var query = QueryOf(rule);
        Assert.Contains("cpalerts.sweep.completed", query, StringComparison.Ordinal);
        Assert.Contains("\"daily\"", query, StringComparison.Ordinal);
        Assert.Contains("datetime_utc_to_local(now(), zone)", query, StringComparison.Ordinal);
        Assert.Contains("let zone = \"Europe/London\"", query, StringComparison.Ordinal);
        Assert.Contains("londonNow >= londonToday + 7h + 30m", query, StringComparison.Ordinal); // KQL has no compound timespan literal such as 7h30m
        Assert.Contains("toUpper(parameters('councilCode'))", query, StringComparison.Ordinal); // the deployment's own council is always expected
        var p = rule["properties"]!;
        var criterion = p["criteria"]!["allOf"]![0]!;
        Assert.Equal(("council", "*"), ((string?)criterion["dimensions"]![0]!["name"], (string?)criterion["dimensions"]![0]!["values"]![0]));
        Assert.True((bool)p["autoMitigate"]!); // once per council and day: stays fired until the sweep completes or the London day ends
        Assert.Equal(("PT15M", "P2D"), ((string?)p["evaluationFrequency"], (string?)p["overrideQueryTimeRange"]));
    }

    [Fact]
    public void Failed_deliveries_and_import_problems_alert_the_operators()
    {
        var failed = Rule("delivery-failed");
        AssertNotifiesTheOperators(failed);
        var failedQuery = QueryOf(failed);
        Assert.Contains("\"cpalerts.emails\"", failedQuery, StringComparison.Ordinal);
        Assert.Contains("tostring(customDimensions.outcome) == \"failed\"", failedQuery, StringComparison.Ordinal);
        Assert.Equal("kind", (string?)failed["properties"]!["criteria"]!["allOf"]![0]!["dimensions"]![0]!["name"]);

        var imports = Rule("import-problems");
        AssertNotifiesTheOperators(imports);
        var importQuery = QueryOf(imports);
        Assert.Contains("\"cpalerts.records.rejected\"", importQuery, StringComparison.Ordinal);
        Assert.Contains("\"cpalerts.imports.held_back\"", importQuery, StringComparison.Ordinal);
        var criterion = imports["properties"]!["criteria"]!["allOf"]![0]!;
        Assert.Equal(("council", "problems", "GreaterThan", 0), ((string?)criterion["dimensions"]![0]!["name"], (string?)criterion["metricMeasureColumn"], (string?)criterion["operator"], (int)criterion["threshold"]!));
    }

    [Fact]
    public void The_workbook_charts_every_metric_over_30_days_and_is_named_by_a_guid()
    {
        var workbook = Assert.Single(OfType("Microsoft.Insights/workbooks"));
        Assert.StartsWith("[guid(", (string)workbook["name"]!, StringComparison.Ordinal);
        Assert.Equal("[string(variables('content'))]", (string?)workbook["properties"]!["serializedData"]);
        var module = All().Single(r => ReferenceEquals(r.Resource, workbook)).Template;
        var content = module["variables"]!.ToJsonString(Readable);
        foreach (var metric in MetricNames)
        {
            Assert.Contains($"\\\"{metric}\\\"", content, StringComparison.Ordinal);
        }

        Assert.Contains("'durationMs', json('2592000000')", content, StringComparison.Ordinal); // 30 days, in every chart
    }

    // ---- Private networking: evaluated for both example parameter files ----

    private static readonly Lazy<JsonObject> PrivateParameters = new(() =>
    {
        var path = RepositoryRoot.Out("infra", "main.private.parameters.json");
        return File.Exists(path)
            ? JsonNode.Parse(File.ReadAllText(path))!.AsObject()
            : throw new InvalidOperationException($"{path} is missing: run scripts/bicep.sh to compile infra-bicep/.");
    });

    private static bool PrivateNetworkingIn(string parametersFile)
    {
        var parameters = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Out("infra", parametersFile)))!["parameters"]!;
        return (bool?)parameters["privateNetworking"]?["value"] ?? (bool)Template.Value["parameters"]!["privateNetworking"]!["defaultValue"]!;
    }

    /// <summary>
    /// The resources deployed with privateNetworking set as given, with their properties' simple expressions worked out.
    /// Only what the Bicep here compiles to is understood: a module parameter bound to parameters('privateNetworking'),
    /// conditions [parameters('p')] and [not(parameters('p'))], and values [if(parameters('p'), 'a', 'b')] of such a
    /// bool parameter p. Anything else is left as written.
    /// </summary>
    private static List<JsonObject> Deployed(bool privateNetworking)
    {
        var deployed = new List<JsonObject>();
        Walk(Template.Value, new Dictionary<string, bool> { ["privateNetworking"] = privateNetworking }, deployed);
        return deployed;
    }

    private static void Walk(JsonObject template, Dictionary<string, bool> bools, List<JsonObject> deployed)
    {
        foreach (var resource in template["resources"]!.AsArray().Select(r => r!.AsObject()))
        {
            if (resource["condition"] is { } condition && !Condition((string)condition!, bools))
            {
                continue;
            }

            var evaluated = Evaluate(resource.DeepClone(), bools)!.AsObject();
            deployed.Add(evaluated);
            if ((string?)resource["type"] == "Microsoft.Resources/deployments")
            {
                var nested = resource["properties"]!["template"]!.AsObject();
                var inner = new Dictionary<string, bool>();
                foreach (var (name, binding) in resource["properties"]!["parameters"]!.AsObject())
                {
                    if (binding is JsonObject bound && bound["value"] is JsonValue value && value.TryGetValue<string>(out var text) && ParameterOf(text) is { } outer && bools.TryGetValue(outer, out var b))
                    {
                        inner[name] = b;
                    }
                }

                foreach (var (name, definition) in nested["parameters"]?.AsObject() ?? [])
                {
                    if (!inner.ContainsKey(name) && (string?)definition!["type"] == "bool" && definition["defaultValue"] is { } d)
                    {
                        inner[name] = (bool)d;
                    }
                }

                Walk(nested, inner, deployed);
            }
        }
    }

    private static string? ParameterOf(string expression) =>
        System.Text.RegularExpressions.Regex.Match(expression, @"^\[parameters\('(\w+)'\)\]$") is { Success: true } m ? m.Groups[1].Value : null;

    private static bool Condition(string condition, Dictionary<string, bool> bools)
    {
        if (ParameterOf(condition) is { } p)
        {
            return bools[p];
        }

        var negated = System.Text.RegularExpressions.Regex.Match(condition, @"^\[not\(parameters\('(\w+)'\)\)\]$");
        if (negated.Success && bools.TryGetValue(negated.Groups[1].Value, out var b))
        {
            return !b;
        }

        // Conditions on other parameters (a SendGrid key given, a sign-in client id) do not depend on these bools: counted as deployed.
        return bools.Keys.Any(k => condition.Contains($"parameters('{k}')", StringComparison.Ordinal))
            ? throw new InvalidOperationException($"condition not understood: {condition}")
            : true;
    }

    private static JsonNode? Evaluate(JsonNode? node, Dictionary<string, bool> bools)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(kv => kv.Key).ToList())
                {
                    o[key] = Evaluate(o[key]?.DeepClone(), bools);
                }

                return o;
            case JsonArray a:
                return new JsonArray([.. a.Select(item => Evaluate(item?.DeepClone(), bools))]);
            case JsonValue v when v.TryGetValue<string>(out var text):
                var choice = System.Text.RegularExpressions.Regex.Match(text, @"^\[if\(parameters\('(\w+)'\), '([^']*)', '([^']*)'\)\]$");
                return choice.Success && bools.TryGetValue(choice.Groups[1].Value, out var b) ? JsonValue.Create(b ? choice.Groups[2].Value : choice.Groups[3].Value) : v;
            default:
                return node;
        }
    }

    private static JsonObject DeployedSingle(List<JsonObject> deployed, string type) => Assert.Single(deployed, r => (string?)r["type"] == type);

    private static readonly string[] PrivateOnlyTypes =
    [
        "Microsoft.Network/virtualNetworks", "Microsoft.Network/privateEndpoints", "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
        "Microsoft.Network/privateDnsZones", "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
    ];

    [Fact]
    public void Private_networking_is_off_for_the_demo_and_then_nothing_private_is_created()
    {
        Assert.False((bool)Template.Value["parameters"]!["privateNetworking"]!["defaultValue"]!);
        Assert.False(PrivateNetworkingIn("main.parameters.json"));
        var deployed = Deployed(privateNetworking: false);
        Assert.DoesNotContain(deployed, r => PrivateOnlyTypes.Contains((string?)r["type"]));
        Assert.DoesNotContain(deployed, r => (string?)r["name"] is "network" or "privateendpoints");
        Assert.Equal("Enabled", (string?)DeployedSingle(deployed, "Microsoft.Storage/storageAccounts")["properties"]!["publicNetworkAccess"]);
        Assert.Equal("Allow", (string?)DeployedSingle(deployed, "Microsoft.Storage/storageAccounts")["properties"]!["networkAcls"]!["defaultAction"]);
        var bus = DeployedSingle(deployed, "Microsoft.ServiceBus/namespaces");
        Assert.Equal(("Standard", "Standard", "Enabled"), ((string?)bus["sku"]!["name"], (string?)bus["sku"]!["tier"], (string?)bus["properties"]!["publicNetworkAccess"]));
        Assert.Equal("Enabled", (string?)DeployedSingle(deployed, "Microsoft.KeyVault/vaults")["properties"]!["publicNetworkAccess"]);
    }

    [Fact]
    public void Private_networking_closes_public_access_and_reaches_storage_service_bus_and_key_vault_through_private_endpoints()
    {
        Assert.True((bool)PrivateParameters.Value["parameters"]!["privateNetworking"]!["value"]!);
        var deployed = Deployed(PrivateNetworkingIn("main.private.parameters.json"));

        var storage = DeployedSingle(deployed, "Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.Equal(("Disabled", "Deny", "None"), ((string?)storage["publicNetworkAccess"], (string?)storage["networkAcls"]!["defaultAction"], (string?)storage["networkAcls"]!["bypass"]));
        Assert.False((bool)storage["allowSharedKeyAccess"]!);
        var bus = DeployedSingle(deployed, "Microsoft.ServiceBus/namespaces");
        Assert.Equal(("Premium", "Premium"), ((string?)bus["sku"]!["name"], (string?)bus["sku"]!["tier"])); // private endpoints need Premium
        Assert.Equal("Disabled", (string?)bus["properties"]!["publicNetworkAccess"]);
        Assert.True((bool)bus["properties"]!["disableLocalAuth"]!);
        var vault = DeployedSingle(deployed, "Microsoft.KeyVault/vaults")["properties"]!;
        Assert.Equal(("Disabled", "Deny"), ((string?)vault["publicNetworkAccess"], (string?)vault["networkAcls"]!["defaultAction"]));

        // The app's subnet is delegated as Flex Consumption requires, and the app is integrated with it.
        var subnets = DeployedSingle(deployed, "Microsoft.Network/virtualNetworks")["properties"]!["subnets"]!.AsArray();
        Assert.Equal("Microsoft.App/environments", (string?)Assert.Single(subnets, s => s!["properties"]!["delegations"] is JsonArray { Count: > 0 })!["properties"]!["delegations"]![0]!["properties"]!["serviceName"]);
        var appBinding = All().Single(r => (string?)r.Resource["name"] == "functionapp").Resource["properties"]!["parameters"]!["integrationSubnetId"]!.ToJsonString(Readable);
        Assert.StartsWith("\"[if(parameters('privateNetworking'), createObject('value', reference(resourceId('Microsoft.Resources/deployments', 'network')", appBinding, StringComparison.Ordinal);
        Assert.Contains("functionsSubnetId", appBinding, StringComparison.Ordinal);
        Assert.Equal("[if(empty(parameters('integrationSubnetId')), null(), parameters('integrationSubnetId'))]", (string?)Properties("Microsoft.Web/sites")["virtualNetworkSubnetId"]);

        // One private endpoint each for blob, table, the Service Bus namespace and the vault, each with a DNS zone linked to the VNet.
        var endpointsModule = All().Single(r => (string?)r.Resource["type"] == "Microsoft.Network/privateEndpoints").Template;
        var targets = endpointsModule["variables"]!["targets"]!.AsArray();
        Assert.Equal(["blob", "table", "namespace", "vault"], targets.Select(t => (string?)t!["groupId"]));
        Assert.Equal(["storageId", "storageId", "serviceBusId", "vaultId"], targets.Select(t => ParameterOf((string)t!["resourceId"]!)));
        foreach (var type in PrivateOnlyTypes)
        {
            var resource = DeployedSingle(deployed, type); // one declaration each, a loop over the targets where it is per target
            if (type != "Microsoft.Network/virtualNetworks")
            {
                Assert.Equal("[length(variables('targets'))]", (string?)resource["copy"]!["count"]);
            }
        }

        var link = DeployedSingle(deployed, "Microsoft.Network/privateDnsZones/virtualNetworkLinks")["properties"]!;
        Assert.Equal("[parameters('vnetId')]", (string?)link["virtualNetwork"]!["id"]);
        var connection = DeployedSingle(deployed, "Microsoft.Network/privateEndpoints")["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!;
        Assert.Equal("[variables('targets')[copyIndex()].groupId]", (string?)Assert.Single(connection["groupIds"]!.AsArray()));
        Assert.Equal("[variables('targets')[copyIndex()].resourceId]", (string?)connection["privateLinkServiceId"]);
        Assert.Equal("[resourceId('Microsoft.Network/privateDnsZones', variables('targets')[copyIndex()].zone)]",
            (string?)DeployedSingle(deployed, "Microsoft.Network/privateEndpoints/privateDnsZoneGroups")["properties"]!["privateDnsZoneConfigs"]![0]!["properties"]!["privateDnsZoneId"]);
    }
}
