namespace CpAlerts.Application.Configuration;

/// <summary>
/// The team view's addresses, written once: the routes the app maps (functions/Web/WebEndpoints.cs), the links its pages
/// write and emails carry (<see cref="WebSettings"/>), and the demo's visit (testing/LocalRun/TeamViewVisit.cs). Each is a
/// function's route in function.json, written in full there: host.json's routePrefix is empty so that "/" can be one
/// (docs/architecture.md, "The team view behind the Functions host").
/// </summary>
public static class TeamViewRoutes
{
    /// <summary>The app's address: the reader's open items, as <see cref="Team"/> shows them.</summary>
    public const string Home = "/";

    /// <summary>The reader's open items.</summary>
    public const string Team = "/api/team";

    /// <summary>The form to say an item is in hand (GET), and saying it (POST).</summary>
    public const string Acknowledge = "/api/acknowledge";

    /// <summary>Saying an item is no longer in hand (POST).</summary>
    public const string Withdraw = "/api/acknowledge/withdraw";

    /// <summary>A council's team view, relative to the app.</summary>
    public static string TeamOf(string council) => $"{Team}?council={Uri.EscapeDataString(council)}";

    /// <summary>The in-hand form for one finding of one child, relative to the app.</summary>
    public static string AcknowledgeOf(string council, string childId, string findingKey) =>
        $"{Acknowledge}?council={Uri.EscapeDataString(council)}&child={Uri.EscapeDataString(childId)}&finding={Uri.EscapeDataString(findingKey)}";
}
