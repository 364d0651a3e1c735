using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CpAlerts.Testing.LocalRun;

/// <summary>
/// Builds invocation requests exactly as the Azure Functions host builds them for a custom handler
/// (docs/host-contract.md). The one place the local dispatcher, the demo and every contract
/// and fault test get their payloads from, so none of them can drift from the host on its own.
/// Sources (Azure/azure-functions-host unless said otherwise):
/// - Workers/MessageExtensions/ScriptInvocationContextExtensions.cs, GetHttpScriptInvocationContextValue:
///   byte[] → base64; DateTime/DateTimeOffset → parsed back from ToString() (seconds, no offset for a
///   DateTime); anything JObject.FromObject accepts → an object; anything else, a string or an int in
///   particular → JsonConvert.SerializeObject(value). Its test GetHttpScriptInvocationContextValueTest_String
///   asserts "stringTest" becomes "\"stringTest\"". <see cref="Value"/> is that method.
/// - Workers/Http/HttpScriptInvocationContextExtensions.cs, ToHttpRequestMessage: the body is written by
///   Newtonsoft's JsonMediaTypeFormatter with default settings; DefaultHttpWorkerService.AddHeaders sends
///   X-Azure-Functions-InvocationId and X-Azure-Functions-HostVersion.
/// - Metadata: every binding-data entry but the trigger value, null values and keys ending in "trigger",
///   through the same method; "sys" is the SDK's SystemBindingData {MethodName, UtcNow, RandGuid}.
/// </summary>
public static class HostInvocations
{
    /// <summary>The host version we claim to be in the header (any 4.x host behaves as described).</summary>
    public const string HostVersion = "4.1044.0";

    /// <summary>
    /// A timer firing. TimerInfo is an object {Schedule, ScheduleStatus, IsPastDue}; the listener saves the
    /// status after the invocation, so ScheduleStatus.Next is the occurrence being fired (for a past-due
    /// firing, the missed one) and Last the one before (azure-webjobs-sdk-extensions, Timers/Listeners/
    /// TimerListener.cs, InvokeJobFunction). Its times are the machine's local times, UTC in Azure, so
    /// Newtonsoft writes them with "+00:00". On a timer retry the host passes the same TimerInfo again
    /// (azure-webjobs-sdk, TriggeredFunctionExecutor: one context for every attempt).
    /// </summary>
    public static string Timer(string function, string binding, TimerFiring firing) => Serialize(new JObject
    {
        ["Data"] = new JObject
        {
            [binding] = Value(new TimerInfoShape(
                new ScheduleShape(AdjustForDST: true),
                new ScheduleStatusShape(Local(firing.Last ?? DateTimeOffset.MinValue), Local(firing.Occurrence), Local(firing.Last ?? DateTimeOffset.MinValue)),
                firing.IsPastDue)),
        },
        ["Metadata"] = new JObject { ["sys"] = Sys(function, firing.FiredAt) },
    });

    /// <summary>
    /// A Service Bus trigger (extension 5.x, ServiceBusTriggerBindingStrategy in azure-sdk-for-net): the
    /// body bound as a string (so JSON-encoded once more), and the message's properties as metadata, each
    /// through <see cref="Value"/>: DeliveryCount arrives as "1", MessageId as "\"…\"".
    /// </summary>
    public static string ServiceBus(string function, string binding, ServiceBusDelivery delivery, DateTimeOffset utcNow)
    {
        // An AMQP string body (Service Bus Explorer's "re-send") reaches the function with one more pair of
        // quotes than a byte body (azure-sdk-for-net issue 28983).
        var body = delivery.AmqpStringBody ? JsonConvert.SerializeObject(delivery.Body) : delivery.Body;
        var metadata = new JObject();
        void Add(string key, object? value)
        {
            if (value is not null)
            {
                metadata[key] = Value(value);
            }
        }

        Add("DeliveryCount", delivery.DeliveryCount);
        Add("LockToken", delivery.LockToken);
        Add("ExpiresAtUtc", delivery.EnqueuedTimeUtc.AddDays(14).UtcDateTime);
        Add("ExpiresAt", delivery.EnqueuedTimeUtc.AddDays(14));
        Add("EnqueuedTimeUtc", delivery.EnqueuedTimeUtc.UtcDateTime);
        Add("EnqueuedTime", delivery.EnqueuedTimeUtc);
        Add("MessageId", delivery.MessageId);
        Add("SequenceNumber", delivery.SequenceNumber);
        // The message's application properties as an object, twice: ServiceBusTriggerBindingStrategy.AddBindingData adds
        // ApplicationProperties and, "for backcompat", UserProperties; JObject.FromObject keeps each value's JSON type.
        Add("ApplicationProperties", delivery.ApplicationProperties);
        Add("UserProperties", delivery.ApplicationProperties);
        metadata["sys"] = Sys(function, utcNow);
        return Serialize(new JObject { ["Data"] = new JObject { [binding] = Value(body) }, ["Metadata"] = metadata });
    }

    /// <summary>The POST the host sends: to /{FunctionName}, JSON, with the invocation id and host version headers.</summary>
    public static HttpRequestMessage Request(string function, string payload, Guid invocationId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, function) { Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Azure-Functions-InvocationId", invocationId.ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", HostVersion);
        request.Headers.UserAgent.ParseAdd($"Azure-Functions-Host/{HostVersion}");
        return request;
    }

    /// <summary>The host's GetHttpScriptInvocationContextValue for a value bound with dataType string (the default).</summary>
    public static JToken Value(object value)
    {
        switch (value)
        {
            case byte[] bytes:
                return Convert.ToBase64String(bytes);
            case DateTime dateTime:
                return new JValue(DateTime.Parse(dateTime.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            case DateTimeOffset dateTimeOffset:
                return new JValue(DateTimeOffset.Parse(dateTimeOffset.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }

        try
        {
            return JObject.FromObject(value);
        }
        catch (ArgumentException)
        {
            // Not an object (a string, a number): the host falls through to SerializeObject.
        }

        return JsonConvert.SerializeObject(value);
    }

    private static JObject Sys(string function, DateTimeOffset utcNow) =>
        (JObject)Value(new SysShape(function, utcNow.UtcDateTime, Guid.NewGuid()));

    private static DateTime Local(DateTimeOffset instant) => DateTime.SpecifyKind(instant.UtcDateTime, DateTimeKind.Local);

    private static string Serialize(JObject payload) => payload.ToString(Formatting.None);

    // The host's own shapes, by their property names: TimerInfo, TimerSchedule, ScheduleStatus, SystemBindingData.
    private sealed record TimerInfoShape(ScheduleShape Schedule, ScheduleStatusShape ScheduleStatus, bool IsPastDue);

    private sealed record ScheduleShape(bool AdjustForDST);

    private sealed record ScheduleStatusShape(DateTime Last, DateTime Next, DateTime LastUpdated);

    private sealed record SysShape(string MethodName, DateTime UtcNow, Guid RandGuid);
}

/// <summary>
/// One timer firing as the host sees it: the scheduled occurrence, when the listener actually fired
/// (it may be a little early, or much later after a restart), whether that makes it past due, and the
/// previous occurrence (none on a first run).
/// </summary>
public sealed record TimerFiring(DateTimeOffset Occurrence, DateTimeOffset FiredAt, bool IsPastDue = false, DateTimeOffset? Last = null)
{
    public static TimerFiring OnTime(DateTimeOffset occurrence) => new(occurrence, occurrence);
}

/// <summary>One delivery of a Service Bus message: the same body and id every time, a higher DeliveryCount each redelivery.</summary>
public sealed record ServiceBusDelivery(string Body, string MessageId, int DeliveryCount, DateTimeOffset EnqueuedTimeUtc, long SequenceNumber, bool AmqpStringBody = false)
{
    /// <summary>A lock token is new for every delivery.</summary>
    public string LockToken { get; } = Guid.NewGuid().ToString();

    /// <summary>The message's application properties (a retry copy's attempt number); none by default.</summary>
    public IReadOnlyDictionary<string, object> ApplicationProperties { get; init; } = new Dictionary<string, object>();

    public static ServiceBusDelivery First(string body, long sequenceNumber = 1, DateTimeOffset? enqueuedAt = null) =>
        new(body, Guid.NewGuid().ToString("N"), 1, enqueuedAt ?? DateTimeOffset.UtcNow, sequenceNumber);

    public ServiceBusDelivery Redelivered() => this with { DeliveryCount = DeliveryCount + 1 };
}
