using System.Text;
using CpAlerts.Adapters.Csv;
using CpAlerts.Adapters.Email;
using CpAlerts.Adapters.Storage;
using CpAlerts.Application.Configuration;
using CpAlerts.Application.Import;
using CpAlerts.Application.Ports;
using CpAlerts.Domain.Records;
using CpAlerts.Tool.Cli;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace CpAlerts.Functions.Tests;

/// <summary>Hostile or careless export values: each is stopped at its row, reported without personal values, and the good rows are kept.</summary>
public class HostileExportTests
{
    private const string ChildrenHeader = "child_id,first_name,last_name,date_of_birth,legal_status,uasc,placement_area,consent_status,entered_care,left_care,social_worker_id";
    private const string StaffHeader = "staff_id,name,email,role,manager_id,team";
    private static readonly LocalDate Today = new(2026, 11, 23);

    private static RecordExport Read(params (string File, string Text)[] files) =>
        RecordExportReader.Read(name => files.Where(f => f.File == name).Select(f => (TextReader)new StringReader(f.Text)).FirstOrDefault(), Today);

    private static string Report(RecordExport export) => string.Join("\n", export.Rejected.Select(r => r.ToString()));

    [Theory]
    [InlineData("last_name", "\"Smith\r\nBcc: evil@attacker.example\"")]   // a header line forged into a plain-text email
    [InlineData("first_name", "\"Ann\nLee\"")]
    [InlineData("first_name", "Ann\u202Eeel")]                              // a right-to-left override: shown reversed
    [InlineData("placement_area", "North\u2066East")]
    [InlineData("last_name", "Lee\u2028Bcc: evil@attacker.example")] // a line separator breaks a line as well as a line feed
    [InlineData("first_name", "Ann\tLee")]
    public void A_line_break_control_or_direction_character_in_any_text_column_rejects_its_row_and_the_others_are_kept(string column, string value)
    {
        string Row(string id, string? bad = null) => column switch
        {
            "first_name" => $"{id},{bad ?? "A"},B,2015-01-01,,,,,2026-01-01,,S1",
            "last_name" => $"{id},A,{bad ?? "B"},2015-01-01,,,,,2026-01-01,,S1",
            _ => $"{id},A,B,2015-01-01,,,{bad ?? "North"},,2026-01-01,,S1",
        };

        var export = Read(("children.csv", $"{ChildrenHeader}\n{Row("C1", value)}\n{Row("C2")}\n"));

        Assert.Equal(["C2"], export.Children.Select(c => c.ChildId));
        var rejected = Assert.Single(export.Rejected);
        Assert.Equal((2, column), (rejected.Line, rejected.Column));
        Assert.DoesNotContain("evil", Report(export), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Siân")]
    [InlineData("O'Neill-Ffrench")]
    [InlineData("\u200Fسارة Smith")] // a right-to-left mark in a mixed-script name is ordinary, not hidden text
    public void Real_names_are_kept(string name)
    {
        var export = Read(("children.csv", $"{ChildrenHeader}\nC1,{name},B,2015-01-01,,,,,2026-01-01,,S1\n"));
        Assert.Empty(export.Rejected);
        Assert.Equal(name, Assert.Single(export.Children).FirstName);
    }

    [Fact]
    public void Two_column_names_swapped_print_no_surname_only_the_codes_the_column_takes()
    {
        // last_name and legal_status named the wrong way round: every surname lands in legal_status.
        var header = ChildrenHeader.Replace("last_name", "TEMP", StringComparison.Ordinal).Replace("legal_status", "last_name", StringComparison.Ordinal).Replace("TEMP", "legal_status", StringComparison.Ordinal);
        var export = Read(("children.csv", $"{header}\nC1,Ann,Synthetic,2015-01-01,CARE_ORDER,,,,2026-01-01,,S1\nC2,Bo,Placeholder,2015-01-01,S20,,,,2026-01-01,,S1\n"));

        Assert.Equal(2, export.Rejected.Length);
        Assert.All(export.Rejected, r => Assert.Contains("expected one of S20, CARE_ORDER", r.Reason, StringComparison.Ordinal));
        Assert.DoesNotContain("Synthetic", Report(export), StringComparison.Ordinal);
        Assert.DoesNotContain("Placeholder", Report(export), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("child_id", "longer than 64 characters")]
    [InlineData("first_name", "longer than 200 characters")]
    [InlineData("placement_area", "longer than 200 characters")]
    public void A_value_beyond_the_storage_bounds_is_rejected_at_its_row_and_the_good_rows_are_kept(string column, string reason)
    {
        var huge = column == "child_id" ? new string('C', 1_000) : new string('n', 40_000);
        string Row(string id) => column switch
        {
            "child_id" => $"{huge},A,B,2015-01-01,,,,,2026-01-01,,S1",
            "first_name" => $"{id},{huge},B,2015-01-01,,,,,2026-01-01,,S1",
            _ => $"{id},A,B,2015-01-01,,,{huge},,2026-01-01,,S1",
        };

        var export = Read(("children.csv", $"{ChildrenHeader}\nC1,A,B,2015-01-01,,,,,2026-01-01,,S1\n{Row("C2")}\nC3,A,B,2015-01-01,,,,,2026-01-01,,S1\n"));

        Assert.Equal(["C1", "C3"], export.Children.Select(c => c.ChildId));
        var rejected = Assert.Single(export.Rejected);
        Assert.Equal((3, column, reason), (rejected.Line, rejected.Column, rejected.Reason));
        Assert.DoesNotContain(huge[..50], Report(export), StringComparison.Ordinal);
    }

    [Fact]
    public void The_longest_valid_row_keys_fit_table_storage_limits()
    {
        // Ids at the bound, made of characters that each escape to five ("%002F").
        var id = new string('/', CsvRow.MaxIdLength);
        var child = new Domain.Records.Child(id, "A", "B", new LocalDate(2015, 1, 1), null, false, null, null, new LocalDate(2026, 1, 1), null, id);
        var episode = new Domain.Records.MissingEpisode(id, id, Instant.FromUtc(2026, 1, 1, 0, 0), null, null, null, false);
        var export = new RecordExport([child], [], [], [], [], [episode], []);

        Assert.All(CaseloadEntities.CaseloadOf("E08000025", export), e =>
        {
            Assert.True(e.RowKey.Length <= 1024, $"RowKey of {e.RowKey.Length} characters"); // 1 KiB key limit
            Assert.True(e.PartitionKey.Length <= 1024);
        });
    }

    [Fact]
    public void An_unquoted_comma_shifting_columns_never_puts_a_date_of_birth_or_address_in_the_report()
    {
        var export = Read(
            ("children.csv", $"{ChildrenHeader}\nC1,Amy, Jo,Bloggs,2014-03-09,CARE_ORDER,no,N,GIVEN,2026-01-01,,S1\n"),
            ("staff.csv", $"{StaffHeader}\nS1,Bloggs, Jo,jo.bloggs@council.example,SocialWorker,TM1,A\n"));

        var report = Report(export);
        Assert.NotEmpty(export.Rejected);
        Assert.DoesNotContain("2014-03-09", report, StringComparison.Ordinal);
        Assert.DoesNotContain("jo.bloggs", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Bloggs", report, StringComparison.Ordinal);
        Assert.Contains("values but the header has", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01", "entered_care", "date out of range (expected between 1900-01-01 and 2100-12-31)")]
    [InlineData("9999-12-31", "entered_care", "date out of range (expected between 1900-01-01 and 2100-12-31)")]
    [InlineData("2027-11-24", "entered_care", "entering care more than a year ahead (after 2027-11-23)")]
    public void Impossible_entry_dates_are_rejected(string entered, string column, string reason)
    {
        var export = Read(("children.csv", $"{ChildrenHeader}\nC1,A,B,2015-01-01,,,,,{entered},,S1\n"));

        var rejected = Assert.Single(export.Rejected);
        Assert.Equal((column, reason), (rejected.Column, rejected.Reason));
    }

    [Fact]
    public void A_year_ahead_is_still_accepted()
    {
        Assert.Single(Read(("children.csv", $"{ChildrenHeader}\nC1,A,B,2015-01-01,,,,,2027-11-23,,S1\n")).Children);
    }

    [Theory]
    [InlineData("a@b@c")]
    [InlineData("x@y;z@w")]
    [InlineData("x@y,z@w")]
    [InlineData("Jo <jo@council.example>")]
    [InlineData("jo@")]
    [InlineData("@council.example")]
    public void An_email_must_be_exactly_one_address(string email)
    {
        var export = Read(("staff.csv", $"{StaffHeader}\nS1,Jo,\"{email}\",SocialWorker,,A\n"));

        var rejected = Assert.Single(export.Rejected);
        Assert.Equal(("email", "not a valid email address"), (rejected.Column, rejected.Reason));
        Assert.False(EmailAddresses.IsValid(email));
    }

    [Theory]
    [InlineData("jo.bloggs@council.example")]
    [InlineData("o'neil+alerts@nhs.example")]
    public void Ordinary_addresses_pass(string email) => Assert.True(EmailAddresses.IsValid(email));

    [Fact]
    public void Windows_1252_bytes_are_rejected_with_their_line_and_utf16_with_a_bom_is_read()
    {
        var bytes = Encoding.UTF8.GetBytes($"{ChildrenHeader}\nC1,Amy,B,2015-01-01,,,,,2026-01-01,,S1\nC2,")
            .Concat(Encoding.Latin1.GetBytes("Zo\u00eb"))
            .Concat(Encoding.UTF8.GetBytes(",B,2015-01-01,,,,,2026-01-01,,S1\n")).ToArray();
        var path = Path.Combine(Path.GetTempPath(), "cpalerts-1252-" + Guid.NewGuid().ToString("N")[..8] + ".csv");
        File.WriteAllBytes(path, bytes);
        using (var reader = CsvFileReader.Open(path))
        {
            var export = RecordExportReader.Read(name => name == ExportFiles.Children ? reader : null, Today);
            Assert.Equal("C1", Assert.Single(export.Children).ChildId);
            var rejected = Assert.Single(export.Rejected);
            Assert.Equal((3, "first_name"), (rejected.Line, rejected.Column));
            Assert.Contains("not UTF-8", rejected.Reason, StringComparison.Ordinal);
        }

        File.WriteAllBytes(path, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes($"{ChildrenHeader}\nC1,Zo\u00eb,B,2015-01-01,,,,,2026-01-01,,S1\n")]);
        using (var reader = CsvFileReader.Open(path))
        {
            var export = RecordExportReader.Read(name => name == ExportFiles.Children ? reader : null, Today);
            Assert.Equal("Zo\u00eb", Assert.Single(export.Children).FirstName);
        }

        File.Delete(path);
    }

    [Fact]
    public void Control_characters_in_an_id_are_rejected_and_never_printed()
    {
        var export = Read(("children.csv", $"{ChildrenHeader}\n\"C1\u001b[2J\",A,B,2015-01-01,,,,,2026-01-01,,S1\n"));

        var rejected = Assert.Single(export.Rejected);
        Assert.Equal("child_id", rejected.Column);
        Assert.DoesNotContain('\u001b', TerminalText.Clean($"C1\u001b[2J {rejected}"));
    }

    [Theory]
    [InlineData("C000123", "'C000123'")]
    [InlineData("CARE", "'CARE'")]
    [InlineData("2014-03-09", "(value not shown)")]
    [InlineData("09-03-2014", "(value not shown)")]
    [InlineData("07700900123", "(value not shown)")]
    [InlineData("jo@council.example", "(value not shown)")]
    [InlineData("Amy Bloggs", "(value not shown)")]
    [InlineData("0123456789012345678901234567890123456789X", "(value not shown)")]
    public void Only_code_shaped_values_are_quoted_in_reports(string value, string shown) =>
        Assert.Equal(shown, ValueParsers.Shown(value));

    [Theory]
    [InlineData("dup", "DUP")]
    [InlineData(" e08000025 ", "E08000025")]
    public void Council_codes_are_case_insensitive(string given, string stored) =>
        Assert.Equal(stored, CouncilCode.Resolve(given, new ConfigurationBuilder().Build()));

    [Fact]
    public void A_forged_message_cannot_name_an_outbox_file_outside_the_folder()
    {
        var email = new OutgoingEmail("a@b.example", "A", "s", "t", "<p>h</p>", "../../../etc/cron.d/x", "C", "..\\..\\evil", EmailAudience.Fallback); // the audience is typed: only the id and kind are text

        var name = OutboxEmailSender.FileName(email);

        Assert.Matches("^[A-Za-z0-9_-]+$", name);
        Assert.Equal("SocialWorker-digest-abc123", OutboxEmailSender.FileName(email with { MessageId = "abc123", Kind = "digest", Audience = EmailAudience.SocialWorker }));
    }

    [Fact]
    public void A_storage_refusal_is_reported_as_a_refusal_not_a_connection_problem()
    {
        var refused = new Azure.RequestFailedException(400, "The property value exceeds the maximum allowed size (64KB).", "PropertyValueTooLarge", null);
        var unreachable = new HttpRequestException("Connection refused");

        Assert.Contains("400 PropertyValueTooLarge", StorageFailure.Advice(refused), StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionString", StorageFailure.Advice(refused), StringComparison.Ordinal);
        Assert.Contains("ConnectionString", StorageFailure.Advice(unreachable), StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_more_values_than_the_header_is_rejected_whole_and_none_of_its_values_is_quoted()
    {
        var export = Read(("children.csv", $"{ChildrenHeader}\nC1,A,B,2015-01-01,PLACEMENT_ORDER,no,Flat 2, Northtown,GIVEN,2026-01-01,,S1\nC2,A,B,2015-01-01,,,,,2026-01-01,,S1\n"));

        Assert.Equal("C2", Assert.Single(export.Children).ChildId);
        var rejected = Assert.Single(export.Rejected);
        Assert.Equal((2, (string?)null), (rejected.Line, rejected.Column));
        Assert.Contains("12 values but the header has 11", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Northtown", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_left_open_is_reported_on_its_own_line_as_a_quote_left_open()
    {
        var export = Read(("children.csv", $"{ChildrenHeader}\nC1,A,B,2015-01-01,,,,,2026-01-01,,S1\nC2,A,\"Smith,2015-01-01,,,,,2026-01-01,,S1\nC3,A,B,2015-01-01,,,,,2026-01-01,,S1\n"));

        Assert.Equal("C1", Assert.Single(export.Children).ChildId);
        var rejected = Assert.Single(export.Rejected);
        Assert.Equal(3, rejected.Line);
        Assert.Contains("double quote is left open", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_renamed_column_rejects_its_file_rather_than_store_every_row_without_it()
    {
        var export = Read(
            ("children.csv", $"{ChildrenHeader}\nC1,A,B,2015-01-01,,,,,2026-01-01,,S1\n"),
            ("reviews.csv", "child_id,held_on,permanence\nC1,2026-03-01,true\n"));

        Assert.Empty(export.Reviews);
        var rejected = Assert.Single(export.Rejected);
        Assert.Equal(("reviews.csv", 1, "permanence_plan"), (rejected.File, rejected.Line, rejected.Column));
        Assert.Contains("was it renamed?", rejected.Reason, StringComparison.Ordinal);
        Assert.False(export.IsComplete); // so an import removes nothing
    }

    [Fact]
    public void An_export_s_own_column_like_a_detail_column_is_ignored_and_the_file_still_read()
    {
        // ethnicity and phone are only shown on the IHA request: an export with its own ethnicity_code or phone_number and
        // without ours is read without them, noted, not refused as renamed (which would stop the whole import).
        var export = Read(
            ("children.csv", "child_id,date_of_birth,entered_care,social_worker_id,ethnicity_code\nC1,2015-01-01,2026-01-01,S1,WBRI\n"),
            ("staff.csv", "staff_id,name,email,role,manager_id,team,phone_number\nS1,Jo,jo@council.example,SocialWorker,,A,01632 960000\n"));

        Assert.Equal("C1", Assert.Single(export.Children).ChildId);
        Assert.Single(export.Staff);
        Assert.Empty(export.Rejected);
        Assert.Contains("children.csv has no 'ethnicity' column: every row is read without it.", export.Notes);
        Assert.Contains("children.csv: column 'ethnicity_code' is not part of the format and was ignored.", export.Notes);
        Assert.Contains("staff.csv: column 'phone_number' is not part of the format and was ignored.", export.Notes);
        Assert.True(export.IsFullyValid); // so a full export could still remove what it no longer lists
    }

    [Fact]
    public void A_renamed_placement_icb_still_refuses_the_file_as_it_decides_which_health_team_is_told()
    {
        var export = Read(("children.csv", "child_id,date_of_birth,entered_care,social_worker_id,placement_icb_code\nC1,2015-01-01,2026-01-01,S1,QWE\n"));

        Assert.Empty(export.Children);
        var rejected = Assert.Single(export.Rejected);
        Assert.Equal(("children.csv", 1, "placement_icb"), (rejected.File, rejected.Line, rejected.Column));
        Assert.Contains("was it renamed?", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absent_optional_column_and_an_unknown_one_are_noted()
    {
        var export = Read(("staff.csv", "staff_id,name,email,role,manager_id,notes\nS1,Jo,jo@council.example,SocialWorker,,x\n"));

        Assert.Single(export.Staff);
        Assert.Contains("staff.csv has no 'team' column: every row is read without it.", export.Notes);
        Assert.Contains("staff.csv: column 'notes' is not part of the format and was ignored.", export.Notes);
    }

    [Fact]
    public void The_optional_iro_id_is_read_and_an_empty_one_means_none()
    {
        var export = Read(("children.csv", "child_id,date_of_birth,entered_care,social_worker_id,iro_id\nC1,2015-01-01,2026-01-01,S1,IRO2\nC2,2015-01-01,2026-01-01,S1,\n"));

        Assert.Equal(["IRO2", null], export.Children.Select(c => c.IroId));
        Assert.DoesNotContain(export.Notes, n => n.Contains("iro_id", StringComparison.Ordinal));
    }

    private const string ReferralHeader = "child_id,date_of_birth,entered_care,social_worker_id,placement_icb,placement_postcode_district,nhs_number,sex,first_language,interpreter_needed,carer_name,carer_phone,gp_practice,consent_given_by,consent_date";

    [Fact]
    public void The_iha_request_details_are_read_when_the_export_has_them()
    {
        var export = Read(("children.csv", $"{ReferralHeader}\nC1,2015-01-01,2026-01-01,S1,qyg,cw1,943 476 5919,FEMALE,Tigrinya,true,Carer Placeholder,07700 900123,Placeholder Surgery,Mother,2026-01-02\n"));

        var child = Assert.Single(export.Children);
        Assert.Equal("QYG", child.PlacementIcb);
        Assert.Equal(new HealthReferral(child.Referral.NhsNumber, Sex.Female, "Tigrinya", true, "CW1", "Carer Placeholder", "07700 900123", "Placeholder Surgery", "Mother", new LocalDate(2026, 1, 2)), child.Referral);
        Assert.Equal("9434765919", child.Referral.NhsNumber?.Digits);
    }

    [Theory]
    [InlineData("nhs_number", "9434765918", "check digit")]
    [InlineData("placement_postcode_district", "CW1 2AB", "only the first part of a postcode")]
    [InlineData("sex", "girl", "unknown value")]
    [InlineData("placement_icb", "Cheshire", "not an ICB code")]
    [InlineData("consent_date", "31/02/2026", "")]
    [InlineData("nhs_number", "943\u001b4765919", "control characters")]             // an escape character: still only this value is left out
    [InlineData("placement_icb", "QYG QYG", "not an ICB code")]
    [InlineData("interpreter_needed", "sometimes", "")]
    // The rest of CoramBAAF Part A (issue 30), each wrong value left out and noted in its own way.
    [InlineData("placement_start", "2025-12-31", "before the child entered care")]      // entered care 2026-01-01
    [InlineData("placement_start", "2027-11-24", "more than a year ahead")]             // today 2026-11-23
    [InlineData("placement_start", "1899-12-31", "date out of range")]
    [InlineData("placement_start", "01/02/2026", "unparseable date")]
    [InlineData("ethnicity", "White British", "unknown value (expected one of WBRI, WIRI")] // the words are not the code
    [InlineData("ethnicity", "WBRT", "unknown value")]                                     // four letters, but no code
    [InlineData("category_of_need", "Abuse or neglect", "unknown value (expected one of N1, N2")]
    [InlineData("category_of_need", "N9", "unknown value")]
    [InlineData("immunisations", "yes", "unknown value (expected one of UP_TO_DATE, NOT_UP_TO_DATE, NOT_KNOWN)")]
    [InlineData("placement_address", "12 Specimen Road\nNorthtown", "control characters")] // one line: a line break could forge a line of the text email
    [InlineData("placement_address", "Flat 9\u202E, Specimen Road", "invisible direction mark")]
    [InlineData("religion", "Christian (Church of England), attends St Placeholder's with the foster family", "longer than 60 characters")]
    [InlineData("gender_identity", "Has said at school and at home that they would like to be called by another name", "longer than 60 characters")]
    [InlineData("parental_responsibility", "LONG", "longer than 200 characters")]
    [InlineData("parents", "LONG", "longer than 200 characters")]
    [InlineData("health_needs", "LONG", "longer than 200 characters")]
    [InlineData("disability", "LONG", "longer than 200 characters")]
    [InlineData("allergies", "LONG", "longer than 200 characters")]
    [InlineData("medication", "LONG", "longer than 200 characters")]
    [InlineData("school", "LONG", "longer than 200 characters")]
    [InlineData("placement_address", "LONG", "longer than 200 characters")]
    public void A_wrong_detail_is_left_out_and_noted_but_the_child_is_kept(string column, string value, string reason)
    {
        value = value == "LONG" ? string.Concat(Enumerable.Repeat("Placeholder ", 17)) : value; // 204 characters
        var export = Read(("children.csv", $"{PartAHeader}\n{PartARow((column, value))}\n"));

        Assert.Single(export.Children); // the child's timescales still count
        Assert.Empty(export.Rejected);
        var note = Assert.Single(export.Notes, n => n.Contains($"line 2, {column}", StringComparison.Ordinal));
        Assert.Contains(reason, note, StringComparison.Ordinal);
        Assert.Contains("left out", note, StringComparison.Ordinal);
        Assert.DoesNotContain(value, note, StringComparison.Ordinal); // a report never repeats a personal value
        Assert.Equal(HealthReferral.None, Assert.Single(export.Children).Referral with { NhsNumber = null }); // nothing else came of it
    }

    /// <summary>Every IHA request column, children.csv's own first.</summary>
    private const string PartAHeader = ReferralHeader + ",placement_address,placement_start,parental_responsibility,parents,ethnicity,religion,gender_identity,category_of_need,"
        + "health_needs,disability,allergies,medication,immunisations,school";

    /// <summary>A child C1 (entered care 2026-01-01) with these IHA request values, every value quoted (a quoted value may hold commas).</summary>
    private static string PartARow(params (string Column, string Value)[] given)
    {
        var columns = PartAHeader.Split(',');
        var values = columns.Select(c => c switch { "child_id" => "C1", "date_of_birth" => "2015-01-01", "entered_care" => "2026-01-01", "social_worker_id" => "S1", _ => "" }).ToArray();
        foreach (var (column, value) in given)
        {
            values[Array.IndexOf(columns, column)] = value;
        }

        return string.Join(',', values.Select(v => $"\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
    }

    /// <summary>Where each of the rest of Part A lands on the child, as text (dates ISO, codes as their values).</summary>
    private static readonly Dictionary<string, Func<HealthReferral, object?>> PartA = new()
    {
        ["placement_address"] = r => r.Placement.Address,
        ["placement_start"] = r => r.Placement.StartDate?.ToString("uuuu-MM-dd", null),
        ["parental_responsibility"] = r => r.Family.ParentalResponsibility,
        ["parents"] = r => r.Family.Parents,
        ["ethnicity"] = r => r.Identity.Ethnicity,
        ["religion"] = r => r.Identity.Religion,
        ["gender_identity"] = r => r.Identity.GenderIdentity,
        ["category_of_need"] = r => r.Family.ReasonForEnteringCare,
        ["health_needs"] = r => r.Health.HealthNeeds,
        ["disability"] = r => r.Health.Disability,
        ["allergies"] = r => r.Health.Allergies,
        ["medication"] = r => r.Health.Medication,
        ["immunisations"] = r => r.Health.Immunisations,
        ["school"] = r => r.School,
    };

    [Theory]
    [InlineData("placement_address", "12 Specimen Road, Northtown, ZZ1 1ZZ", "12 Specimen Road, Northtown, ZZ1 1ZZ")]
    [InlineData("placement_start", "2026-01-01", "2026-01-01")]                          // the day the child entered care
    [InlineData("placement_start", "2027-11-23", "2027-11-23")]                          // a year ahead of today, no more
    [InlineData("parental_responsibility", "The council (care order), shared with the mother", "The council (care order), shared with the mother")]
    [InlineData("parents", "Mother: Alpha Placeholder; father: not known", "Mother: Alpha Placeholder; father: not known")]
    [InlineData("ethnicity", "WBRI", Ethnicity.WhiteBritish)]
    [InlineData("ethnicity", "nobt", Ethnicity.NotYetObtained)]                          // any case
    [InlineData("ethnicity", "MWBC", Ethnicity.WhiteAndBlackCaribbean)]
    [InlineData("ethnicity", "REFU", Ethnicity.Refused)]
    [InlineData("religion", "No religion", "No religion")]
    [InlineData("gender_identity", "Non-binary", "Non-binary")]
    [InlineData("category_of_need", "N1", CategoryOfNeed.AbuseOrNeglect)]
    [InlineData("category_of_need", "n8", CategoryOfNeed.AbsentParenting)]
    [InlineData("category_of_need", " N2 ", CategoryOfNeed.ChildsDisability)]            // surrounding spaces ignored
    [InlineData("health_needs", "Asthma", "Asthma")]
    [InlineData("disability", "None", "None")]
    [InlineData("allergies", "Penicillin", "Penicillin")]
    [InlineData("medication", "Salbutamol inhaler when needed", "Salbutamol inhaler when needed")]
    [InlineData("immunisations", "UP_TO_DATE", ImmunisationStatus.UpToDate)]
    [InlineData("immunisations", "not_up_to_date", ImmunisationStatus.NotUpToDate)]
    [InlineData("immunisations", "NOT_KNOWN", ImmunisationStatus.NotKnown)]
    [InlineData("school", "Alpha Placeholder Primary School", "Alpha Placeholder Primary School")]
    public void The_rest_of_part_a_is_read_when_the_export_has_it(string column, string value, object expected)
    {
        var export = Read(("children.csv", $"{PartAHeader}\n{PartARow((column, value))}\n"));

        var child = Assert.Single(export.Children);
        Assert.Empty(export.Rejected);
        Assert.DoesNotContain(export.Notes, n => n.Contains("line 2", StringComparison.Ordinal));
        Assert.Equal(expected, PartA[column](child.Referral));
        Assert.All(PartA.Where(kv => kv.Key != column), other => Assert.Null(other.Value(child.Referral))); // nothing else was read into
    }

    [Theory]
    [InlineData("01632 960123", "01632 960123")]
    [InlineData("+44 (0)1632 960123", "+44 (0)1632 960123")]                          // 13 digits
    [InlineData("0161-496-0000", "0161-496-0000")]
    [InlineData("  (01632) 960123 ", "(01632) 960123")]
    [InlineData("960123", null)]                                                        // too few digits
    [InlineData("+44 01632 960123 456", null)]                                          // too many
    [InlineData("01632 960123 ext 4", null)]
    [InlineData("01632 + 960123", null)]
    [InlineData("sam.worker@council.example", null)]
    public void A_staff_members_phone_is_read_or_left_out_and_noted(string value, string? expected)
    {
        var export = Read(("staff.csv", $"{StaffHeader},phone\nS1,Sam Worker,sam@council.example,SocialWorker,TM1,A,\"{value}\"\n"));

        var member = Assert.Single(export.Staff); // the member of staff is read either way
        Assert.Empty(export.Rejected);
        Assert.Equal(expected, member.Phone?.Text);
        var notes = export.Notes.Where(n => n.Contains("line 2, phone", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected is null ? 1 : 0, notes.Count);
        Assert.All(notes, n => Assert.Contains("left out", n, StringComparison.Ordinal));
        Assert.All(notes, n => Assert.DoesNotContain(value.Trim(), n, StringComparison.Ordinal));
    }
}
