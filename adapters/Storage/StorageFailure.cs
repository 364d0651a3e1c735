namespace CpAlerts.Adapters.Storage;

/// <summary>Is this exception Table Storage failing (unreachable, refused, or every retry used up)?</summary>
public static class StorageFailure
{
    public static bool Is(Exception e) => e switch
    {
        Azure.RequestFailedException or HttpRequestException => true,
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(Is),
        _ => false,
    };

    /// <summary>
    /// What to tell the operator: a connection or permission problem is said to be one; a refusal of what was
    /// written (400 PropertyValueTooLarge, EntityTooLarge, OutOfRangeInput, …) is said to be that, with its
    /// status and error code, because re-running with the same input fails the same way.
    /// </summary>
    public static string Advice(Exception e) => Last(e) switch
    {
        Azure.RequestFailedException { Status: 404, ErrorCode: "TableNotFound" } =>
            "A CpAlerts table does not exist yet. The Bicep deployment creates them, and so does `import`: deploy infra-bicep or run `import` once, then run again (running again is safe).",
        Azure.RequestFailedException { Status: 401 or 403 } r =>
            $"Table Storage refused access ({Code(r)}). Check the identity's role (Storage Table Data Contributor) or the connection string's key, then run again (running again is safe).",
        Azure.RequestFailedException { Status: >= 400 and < 500 } r =>
            $"Table Storage refused what was written ({Code(r)}): a value the checks let through is outside its limits. Nothing is wrong with the connection; please report this with the error code. Rows written before it stay written.",
        Azure.RequestFailedException { Status: > 0 } r =>
            $"Table Storage failed ({Code(r)}) after every retry. Run again later (running again is safe).",
        _ => "Table Storage is unreachable. Check CpAlerts__Tables__ConnectionString or __Endpoint and that the account is reachable, then run again (running again is safe).",
    };

    /// <summary>Our configuration, not a passing failure: access refused, or a table that was never created.</summary>
    public static bool IsConfiguration(Exception e) => Last(e) is Azure.RequestFailedException { Status: 401 or 403 } or Azure.RequestFailedException { Status: 404, ErrorCode: "TableNotFound" };

    private static string Code(Azure.RequestFailedException r) => string.IsNullOrEmpty(r.ErrorCode) ? $"{r.Status}" : $"{r.Status} {r.ErrorCode}";

    private static Exception Last(Exception e) => e is AggregateException { InnerExceptions.Count: > 0 } all ? Last(all.InnerExceptions[^1]) : e;

    /// <summary>Status and error code only: a storage error message can quote entity contents.</summary>
    public static string Describe(Exception e) => e switch
    {
        Azure.RequestFailedException { Status: > 0 } r => $"{r.Status} {r.ErrorCode}",
        AggregateException all => Describe(all.InnerExceptions[^1]),
        _ => "unreachable",
    };
}
