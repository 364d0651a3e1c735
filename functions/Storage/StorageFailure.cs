namespace CpAlerts.Functions.Storage;

/// <summary>Is this exception Table Storage failing (unreachable, refused, or every retry used up)?</summary>
public static class StorageFailure
{
    public static bool Is(Exception e) => e switch
    {
        Azure.RequestFailedException or HttpRequestException => true,
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(Is),
        _ => false,
    };

    /// <summary>Status and error code only: a storage error message can quote entity contents.</summary>
    public static string Describe(Exception e) => e switch
    {
        Azure.RequestFailedException { Status: > 0 } r => $"{r.Status} {r.ErrorCode}",
        AggregateException all => Describe(all.InnerExceptions[^1]),
        _ => "unreachable",
    };
}
