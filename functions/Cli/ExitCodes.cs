namespace CpAlerts.Functions.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The work was done with what was valid, but some rows were rejected.</summary>
    public const int RowsRejected = 1;

    /// <summary>Nothing could be done: bad arguments, a missing folder, a wrong setting.</summary>
    public const int Failed = 2;
}
