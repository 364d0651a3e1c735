namespace CpAlerts.Application.Wording;

/// <summary>Counts in words, the same in emails and pages.</summary>
public static class CountWords
{
    /// <summary>"1 item", "3 items".</summary>
    public static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    /// <summary>"3 overdue", "2 due soon" or "3 overdue, 2 due soon": a zero is not news.</summary>
    public static string OverdueAndDueSoon(int overdue, int dueSoon) => (overdue, dueSoon) switch
    {
        (_, 0) => $"{overdue} overdue",
        (0, _) => $"{dueSoon} due soon",
        _ => $"{overdue} overdue, {dueSoon} due soon",
    };
}
