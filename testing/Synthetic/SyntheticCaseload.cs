using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Records;
using NodaTime;

namespace CpAlerts.Testing.Synthetic;

/// <summary>
/// A realistic, obviously fake export for demos, tests and benchmarks. Timeliness is calibrated to
/// figures councils publish: about 55% of IHAs done within 20 working days, 73% of children with a
/// dental check in the last year, 71% with a permanence plan by the four-month review, 96% of return
/// interviews offered within 72 hours and 46% completed. Same seed and as-of date, same export.
/// </summary>
public sealed class SyntheticCaseload(int children, int seed, LocalDate asOf)
{
    public const double IhaOnTime = 0.55, DentalInLastYear = 0.73, PermanencePlanOnTime = 0.71, RhiOfferedOnTime = 0.96, RhiCompleted = 0.46, RhaOnTime = 0.85;

    private static readonly string[] Given = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango", "Uniform", "Victor", "Whiskey", "Xray", "Yankee", "Zulu"];
    private static readonly string[] Family = ["Testcase", "Placeholder", "Specimen", "Example", "Sample", "Dummy", "Fixture", "Mockup", "Synthetic", "Madeup"];
    private static readonly string[] Areas = ["Northtown", "Southtown", "Easttown", "Westtown", "Out of area"];

    private readonly Random _random = new(seed);
    private readonly WorkingCalendar _calendar = WorkingCalendar.EnglandAndWales;

    public CpAlerts.Application.Import.RecordExport Generate()
    {
        var staff = Staff(out var socialWorkers);
        var list = new List<Child>();
        var health = new List<HealthAssessment>();
        var dental = new List<DentalCheck>();
        var reviews = new List<Review>();
        var missing = new List<MissingEpisode>();
        for (var i = 1; i <= children; i++)
        {
            var child = Child(i, socialWorkers);
            list.Add(child);
            health.AddRange(HealthAssessments(child));
            dental.AddRange(DentalChecks(child));
            reviews.AddRange(Reviews(child));
            missing.AddRange(MissingEpisodes(child));
        }

        return new CpAlerts.Application.Import.RecordExport([.. list], [.. staff], [.. health], [.. dental], [.. reviews], [.. missing], []);
    }

    private List<StaffMember> Staff(out List<StaffMember> socialWorkers)
    {
        var staff = new List<StaffMember> { new("HOS01", "Head Placeholder", "head.of.service@council.example", StaffRole.HeadOfService, null, null) };
        socialWorkers = [];
        var workers = Math.Max(1, (int)Math.Ceiling(children / 20.0));
        var teams = Math.Max(1, (int)Math.Ceiling(workers / 6.0));
        for (var t = 1; t <= teams; t++)
        {
            var team = $"Team {Given[(t - 1) % Given.Length]}";
            staff.Add(new StaffMember($"TM{t:D2}", $"Manager {Given[(t - 1) % Given.Length]} Placeholder", $"tm{t:D2}@council.example", StaffRole.TeamManager, "HOS01", team));
        }

        for (var w = 1; w <= workers; w++)
        {
            var t = ((w - 1) % teams) + 1;
            // One worker in fifty has no email address on record: the demo shows where such findings go.
            var email = w % 50 == 0 ? null : $"sw{w:D3}@council.example";
            var worker = new StaffMember($"SW{w:D3}", $"Worker {Given[w % Given.Length]} {Family[w % Family.Length]}", email, StaffRole.SocialWorker, $"TM{t:D2}", $"Team {Given[(t - 1) % Given.Length]}")
            {
                // Ofcom's numbers for drama (01632 960000–960999); one worker in twelve has none on record.
                Phone = w % 12 == 0 ? null : PhoneNumber.TryParse($"01632 960{w % 1000:D3}", out var phone, out _) ? phone : null,
            };
            staff.Add(worker);
            socialWorkers.Add(worker);
        }

        staff.Add(new StaffMember("HT01", "Health Team Placeholder", "lac.health@nhs.example", StaffRole.HealthTeam, null, null));
        staff.Add(new StaffMember("IRO01", "Iro Placeholder", "iro.one@council.example", StaffRole.Iro, null, null));
        staff.Add(new StaffMember("IRO02", "Iro Specimen", "iro.two@council.example", StaffRole.Iro, null, null));
        staff.Add(new StaffMember("DA01", "Dental Adviser Placeholder", "dental.adviser@nhs.example", StaffRole.DentalAdviser, null, null));
        return staff;
    }

    private Child Child(int i, List<StaffMember> socialWorkers)
    {
        // A quarter entered in the last six months, so IHA and permanence clocks are running in any demo.
        var daysInCare = _random.NextDouble() < 0.25 ? _random.Next(0, 183) : _random.Next(183, 365 * 8);
        var entered = asOf.PlusDays(-daysInCare);
        var age = _random.Next(0, 17);
        var born = entered.PlusDays(-_random.Next(1, 365)).PlusYears(-age);
        LocalDate? left = _random.NextDouble() < 0.06 ? asOf.PlusDays(-_random.Next(1, Math.Max(2, daysInCare))) : null;
        var worker = _random.NextDouble() < 0.01 ? null : socialWorkers[_random.Next(socialWorkers.Count)].StaffId;
        var child = new Child(
            $"C{i:D6}", Given[_random.Next(Given.Length)], Family[_random.Next(Family.Length)], born,
            Pick([LegalStatus.CareOrder, LegalStatus.CareOrder, LegalStatus.InterimCareOrder, LegalStatus.S20, LegalStatus.S20, LegalStatus.PlacementOrder, LegalStatus.Remand, LegalStatus.Other]),
            _random.NextDouble() < 0.07, Pick(Areas), Pick<ConsentStatus?>([ConsentStatus.Given, ConsentStatus.Given, ConsentStatus.Pending, ConsentStatus.Refused, null]),
            entered, left is { } l && l > entered ? l : null, worker)
        {
            // Most children have an allocated IRO; one in ten has none, so every IRO hears about them.
            IroId = i % 10 == 0 ? null : i % 2 == 0 ? "IRO01" : "IRO02",
        };
        return WithReferral(Plausible(child, age), i);
    }

    /// <summary>
    /// What a practitioner would find plausible, applied after the draws so every other synthetic value stays as it was: no
    /// child under 10 on remand (the age of criminal responsibility), placement orders for young children only, and an
    /// unaccompanied asylum-seeking child aged 12 or more and accommodated under section 20.
    /// </summary>
    private static Child Plausible(Child child, int age)
    {
        var legal = child.LegalStatus switch
        {
            LegalStatus.Remand when age < 10 => LegalStatus.CareOrder,
            LegalStatus.PlacementOrder when age >= 7 => LegalStatus.CareOrder,
            var other => other,
        };
        var uasc = child.Uasc && age >= 12;
        return child with { LegalStatus = uasc ? LegalStatus.S20 : legal, Uasc = uasc };
    }

    private static readonly string[] Languages = ["English", "English", "English", "English", "Polish", "Arabic", "Tigrinya", "Pashto", "Romanian"];

    /// <summary>
    /// The IHA request's details, from a random source of the child's own (so adding them left every other synthetic
    /// value as it was): NHS numbers in the 999 range the NHS reserves for testing, phone numbers in Ofcom's range for
    /// drama (07700 900000–900999), a few values missing as in real exports, and out-of-area children placed in two ICBs.
    /// </summary>
    private Child WithReferral(Child child, int i)
    {
        var r = new Random(seed * 7919 + i);
        var nine = $"999{r.Next(0, 1_000_000):D6}";
        var nhs = NhsNumber.CheckDigit(nine) is { } check && NhsNumber.TryParse(nine + check, out var number, out _) && r.NextDouble() < 0.9 ? number : (NhsNumber?)null;
        var language = child.Uasc ? Languages[4 + r.Next(Languages.Length - 4)] : Languages[r.Next(Languages.Length)];
        var outOfArea = child.PlacementArea == "Out of area";
        return child with
        {
            PlacementIcb = outOfArea ? (i % 2 == 0 ? "QYG" : "QOQ") : null,
            Referral = new HealthReferral(
                nhs,
                r.NextDouble() < 0.95 ? (r.Next(2) == 0 ? Sex.Female : Sex.Male) : Sex.NotKnown,
                language,
                language != "English",
                r.NextDouble() < 0.85 ? (outOfArea ? $"ZZ{r.Next(10, 99)}" : $"ZZ{r.Next(1, 9)}") : null,
                r.NextDouble() < 0.9 ? $"Carer {Given[r.Next(Given.Length)]} {Family[r.Next(Family.Length)]}" : null,
                r.NextDouble() < 0.8 ? $"07700 900{r.Next(0, 1000):D3}" : null,
                r.NextDouble() < 0.7 ? $"{Given[r.Next(Given.Length)]} Placeholder Surgery" : null,
                child.ConsentStatus == ConsentStatus.Given ? child.LegalStatus switch
                {
                    LegalStatus.S20 or null => "a parent",
                    LegalStatus.InterimCareOrder => "the council (interim care order)",
                    LegalStatus.PlacementOrder => "the council (placement order)",
                    LegalStatus.Remand => "the child",
                    LegalStatus.Other => "a parent",
                    _ => "the council (care order)",
                } : null,
                // Consent is given as the child comes into care, or in the days before a planned move: never dated after it.
                child.ConsentStatus == ConsentStatus.Given ? child.EnteredCare.PlusDays(-r.Next(0, 3)) : null)
            {
                // The rest of CoramBAAF Part A, drawn after the values above so they stay as they were.
                Identity = IdentityOf(r, child),
                Family = FamilyOf(r, child),
                Placement = PlacementOf(r, child),
                Health = HealthOf(r, child),
                School = SchoolOf(r, child),
            },
        };
    }

    private static readonly string[] Religions = ["No religion", "No religion", "Christian", "Christian", "Muslim", "Sikh", "Hindu", "Jewish", "Not known"];
    private static readonly string[] UnaccompaniedReligions = ["Muslim", "Christian", "Orthodox Christian"];
    private static readonly string[] HealthNeeds = ["None known", "None known", "None known", "None known", "Asthma", "Eczema", "Speech and language delay", "Short sight (wears glasses)"];
    private static readonly string[] Disabilities = ["None", "None", "None", "None", "None", "None", "Autism (diagnosed)", "Hearing loss (wears hearing aids)", "Learning disability"];
    private static readonly string[] Allergies = ["None known", "None known", "None known", "None known", "None known", "Penicillin", "Peanuts", "Hay fever"];

    private int AgeOf(Child child) => Period.Between(child.DateOfBirth, asOf, PeriodUnits.Years).Years;

    /// <summary>Ethnicity as the DfE return records it (mostly White British, as in English councils' returns); religion; gender identity for some older children.</summary>
    private ChildIdentity IdentityOf(Random r, Child child)
    {
        Ethnicity[] usual = [Ethnicity.WhiteBritish, Ethnicity.WhiteBritish, Ethnicity.WhiteBritish, Ethnicity.WhiteBritish, Ethnicity.WhiteBritish, Ethnicity.WhiteBritish,
            Ethnicity.WhiteBritish, Ethnicity.AnyOtherWhite, Ethnicity.WhiteAndBlackCaribbean, Ethnicity.AnyOtherMixed, Ethnicity.Pakistani, Ethnicity.BlackAfrican,
            Ethnicity.GypsyOrRoma, Ethnicity.NotYetObtained];
        Ethnicity[] unaccompanied = [Ethnicity.BlackAfrican, Ethnicity.AnyOtherAsian, Ethnicity.AnyOtherEthnicGroup, Ethnicity.AnyOtherWhite];
        var ethnicity = r.NextDouble() < 0.92 ? (child.Uasc ? unaccompanied : usual)[r.Next(child.Uasc ? unaccompanied.Length : usual.Length)] : (Ethnicity?)null;
        var religion = r.NextDouble() < 0.8 ? (child.Uasc ? UnaccompaniedReligions[r.Next(UnaccompaniedReligions.Length)] : Religions[r.Next(Religions.Length)]) : null;
        var gender = AgeOf(child) >= 11 && r.NextDouble() < 0.5
            ? r.NextDouble() < 0.04 ? "Non-binary" : child.Referral.Sex switch { Sex.Female => "Girl", Sex.Male => "Boy", _ => null }
            : null;
        return new ChildIdentity(ethnicity, religion, gender);
    }

    /// <summary>Who holds parental responsibility, as the legal status implies; the parents; and why the child came into care (N8 for an unaccompanied child).</summary>
    private static FamilyAndLegal FamilyOf(Random r, Child child)
    {
        var responsibility = r.NextDouble() < 0.85 ? (child.Uasc, child.LegalStatus) switch
        {
            (true, _) => "No one in the UK (the council looks after the child under section 20)",
            (_, LegalStatus.S20) => "The parents (under section 20 the council does not hold parental responsibility)",
            (_, LegalStatus.CareOrder) => "The council (care order), shared with the mother",
            (_, LegalStatus.InterimCareOrder) => "The council (interim care order), shared with the parents",
            (_, LegalStatus.PlacementOrder) => "The council (placement order), shared with the parents",
            (_, LegalStatus.Remand) => "The parents (a remand gives the council no parental responsibility)",
            _ => null,
        } : null;
        var parent = () => $"{Given[r.Next(Given.Length)]} {Family[r.Next(Family.Length)]}";
        var parents = r.NextDouble() < 0.9
            ? child.Uasc ? "Not known: living abroad or whereabouts unknown" : $"Mother: {parent()}; father: {(r.NextDouble() < 0.7 ? parent() : "not known")}"
            : null;
        CategoryOfNeed[] needs = [CategoryOfNeed.AbuseOrNeglect, CategoryOfNeed.AbuseOrNeglect, CategoryOfNeed.AbuseOrNeglect, CategoryOfNeed.AbuseOrNeglect,
            CategoryOfNeed.AbuseOrNeglect, CategoryOfNeed.AbuseOrNeglect, CategoryOfNeed.FamilyDysfunction, CategoryOfNeed.FamilyDysfunction,
            CategoryOfNeed.FamilyInAcuteStress, CategoryOfNeed.ParentalIllnessOrDisability, CategoryOfNeed.ChildsDisability, CategoryOfNeed.AbsentParenting];
        var need = r.NextDouble() < 0.9 ? child.Uasc ? CategoryOfNeed.AbsentParenting : needs[r.Next(needs.Length)] : (CategoryOfNeed?)null;
        return new FamilyAndLegal(responsibility, parents, need);
    }

    /// <summary>An obviously fake address in the child's placement area; the current placement began on or after entering care.</summary>
    private PlacementDetails PlacementOf(Random r, Child child)
    {
        var town = child.PlacementArea is null or "Out of area" ? "Farfield" : child.PlacementArea;
        var address = r.NextDouble() < 0.85 ? $"{r.Next(1, 120)} {Family[r.Next(Family.Length)]} Road, {town}" : null;
        var days = Math.Max(0, Period.Between(child.EnteredCare, asOf, PeriodUnits.Days).Days);
        var start = r.NextDouble() < 0.9 ? child.EnteredCare.PlusDays(r.NextDouble() < 0.6 ? 0 : r.Next(0, days + 1)) : (LocalDate?)null;
        return new PlacementDetails(address, start);
    }

    /// <summary>Mostly nothing known; some asthma (with an inhaler) or eczema; immunisations usually up to date, not known for most unaccompanied children.</summary>
    private static KnownHealth HealthOf(Random r, Child child)
    {
        var needs = r.NextDouble() < 0.85 ? HealthNeeds[r.Next(HealthNeeds.Length)] : null;
        var medication = needs is null ? null : needs switch { "Asthma" => "Salbutamol inhaler when needed", "Eczema" => "Emollient cream", _ => "None" };
        var disability = r.NextDouble() < 0.85 ? Disabilities[r.Next(Disabilities.Length)] : null;
        var allergies = r.NextDouble() < 0.85 ? Allergies[r.Next(Allergies.Length)] : null;
        var draw = r.NextDouble();
        ImmunisationStatus? immunisations = child.Uasc
            ? draw < 0.7 ? ImmunisationStatus.NotKnown : ImmunisationStatus.NotUpToDate
            : draw < 0.8 ? ImmunisationStatus.UpToDate : draw < 0.88 ? ImmunisationStatus.NotUpToDate : draw < 0.95 ? ImmunisationStatus.NotKnown : null;
        return new KnownHealth(needs, disability, allergies, medication, immunisations);
    }

    /// <summary>A nursery, school, academy or college by age; none under three.</summary>
    private string? SchoolOf(Random r, Child child)
    {
        var name = Given[r.Next(Given.Length)];
        return r.NextDouble() < 0.1 ? null : AgeOf(child) switch
        {
            < 3 => null,
            < 4 => $"{name} Placeholder Nursery",
            < 11 => $"{name} Placeholder Primary School",
            < 16 => $"{name} Placeholder Academy",
            _ => "Placeholder College",
        };
    }

    private IEnumerable<HealthAssessment> HealthAssessments(Child child)
    {
        var requestedIn = _random.NextDouble() < 0.85 ? _random.Next(1, 6) : _random.Next(6, 15);
        var completedIn = _random.NextDouble() < IhaOnTime ? _random.Next(Math.Min(requestedIn + 1, 20), 21) : _random.Next(21, 60);
        var requested = _calendar.AddWorkingDays(child.EnteredCare, requestedIn);
        var completed = _calendar.AddWorkingDays(child.EnteredCare, completedIn);
        if (requested <= asOf)
        {
            yield return new HealthAssessment(child.ChildId, AssessmentType.Iha, requested, completed <= asOf ? completed : null);
        }

        // Review health assessments after the IHA, every 6 months under 5 and 12 months after: most on time (boards
        // report about nine in ten children up to date), some late, a few not done yet, so the demo shows overdue ones.
        var last = completed <= asOf ? completed : (LocalDate?)null;
        while (last is { } previous)
        {
            var young = previous < child.DateOfBirth.PlusYears(5);
            var due = Domain.Calendar.WorkingCalendar.AddMonths(previous, young ? 6 : 12);
            var done = _random.NextDouble() < RhaOnTime ? due.PlusDays(-_random.Next(0, 30)) : due.PlusDays(_random.Next(1, 120));
            var asked = done.PlusDays(-_random.Next(5, 20));
            if (asked > asOf)
            {
                yield break;
            }

            yield return new HealthAssessment(child.ChildId, AssessmentType.Rha, asked, done <= asOf ? done : null);
            last = done <= asOf ? done : null;
        }
    }

    private IEnumerable<DentalCheck> DentalChecks(Child child)
    {
        var daysInCare = Period.DaysBetween(child.EnteredCare, asOf);
        if (daysInCare < 60)
        {
            yield break;
        }

        // Latest check: in the last year for most; older (or never, counted from entry) for the rest.
        var latest = _random.NextDouble() < DentalInLastYear
            ? asOf.PlusDays(-_random.Next(0, Math.Min(365, daysInCare)))
            : asOf.PlusDays(-_random.Next(366, 760));
        if (latest < child.EnteredCare.PlusDays(-365))
        {
            yield break;
        }

        yield return new DentalCheck(child.ChildId, latest);
        for (var earlier = latest.PlusDays(-_random.Next(150, 400)); earlier > child.EnteredCare; earlier = earlier.PlusDays(-_random.Next(150, 400)))
        {
            yield return new DentalCheck(child.ChildId, earlier);
        }
    }

    private IEnumerable<Review> Reviews(Child child)
    {
        var first = child.EnteredCare.PlusDays(20);
        if (first <= asOf)
        {
            yield return new Review(child.ChildId, first, false);
        }

        var onTime = _random.NextDouble() < PermanencePlanOnTime;
        var second = onTime ? child.EnteredCare.PlusMonths(3).PlusDays(_random.Next(0, 25)) : child.EnteredCare.PlusMonths(4).PlusDays(_random.Next(5, 60));
        for (var review = second; review <= asOf; review = review.PlusMonths(6))
        {
            yield return new Review(child.ChildId, review, true);
        }
    }

    private IEnumerable<MissingEpisode> MissingEpisodes(Child child)
    {
        if (_random.NextDouble() >= 0.10)
        {
            yield break;
        }

        var now = LondonTime.ToInstant(asOf.At(new LocalTime(9, 0)));
        var episodes = _random.Next(1, 4);
        for (var n = 1; n <= episodes; n++)
        {
            var wentMissing = now - Duration.FromHours(_random.Next(12, 24 * 300));
            if (LondonTime.DateOf(wentMissing) < child.EnteredCare)
            {
                continue;
            }

            var returned = wentMissing + Duration.FromHours(_random.Next(2, 72));
            Instant? returnedAt = returned <= now ? returned : null;
            Instant? offered = null, completed = null;
            var declined = false;
            if (returnedAt is { } back)
            {
                var offer = _random.NextDouble() < RhiOfferedOnTime ? back + Duration.FromHours(_random.Next(1, 72)) : back + Duration.FromHours(_random.Next(73, 240));
                offered = offer <= now ? offer : null;
                var completes = offered is not null && _random.NextDouble() < RhiCompleted / RhiOfferedOnTime;
                completed = completes && offer + Duration.FromHours(_random.Next(24, 96)) is var done && done <= now ? done : null;
                declined = offered is not null && completed is null && _random.NextDouble() < 0.15;
            }

            yield return new MissingEpisode($"{child.ChildId}-M{n}", child.ChildId, wentMissing, returnedAt, offered, completed, declined);
        }
    }

    private T Pick<T>(T[] options) => options[_random.Next(options.Length)];
}
