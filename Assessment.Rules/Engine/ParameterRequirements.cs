using Assessment.Core.Scoring;

namespace Assessment.Rules.Engine;

/// <summary>The parameters each rule reads, with their kind and range, so that a rubric file is checked when it is
/// loaded instead of failing in the middle of a run.</summary>
internal static class ParameterRequirements
{
    private enum Kind
    {
        Points,     // a number in [0, the item's max]
        Count,      // a whole number ≥ 1
        Days,       // a whole number ≥ 0
        Share,      // a number in [0, 1]
        Factor,     // a number ≥ 0
        Flag,
        MonthDay,
        Bands,      // bands with points in [0, max], thresholds ≥ 0
    }

    private static readonly Dictionary<string, (string Name, Kind Kind)[]> Required = new()
    {
        ["ZT-01"] = [("MinAgendaMeetings", Kind.Count)],
        ["ZT-02"] = [("PointsEach", Kind.Points)],
        ["ZT-03"] = [("PlanDeadline", Kind.MonthDay), ("BasePoints", Kind.Points), ("DeadlinePoints", Kind.Points), ("TopicsPoints", Kind.Points), ("SchedulePoints", Kind.Points)],
        ["ZT-04"] = [("Bands", Kind.Bands)],
        ["DY-01"] = [("SecretaryPoints", Kind.Points), ("BlankPoints", Kind.Points)],
        ["DY-02"] = [("Bands", Kind.Bands)],
        ["DY-03"] = [("Bands", Kind.Bands)],
        ["DY-04"] = [("LecturePoints", Kind.Points), ("SpeechPoints", Kind.Points)],
        ["ZJ-01"] = [("LeadPoints", Kind.Points), ("SchedulePoints", Kind.Points)],
        ["ZJ-02"] = [],
        ["ZJ-03"] = [("NoticeDaysBefore", Kind.Days)],
        ["ZJ-04"] = [("BriefingShare", Kind.Share), ("BriefingPoints", Kind.Points), ("PlanFiledPoints", Kind.Points), ("SummaryFiledPoints", Kind.Points)],
        ["NR-01"] = [("Bands", Kind.Bands)],
        ["NR-02"] = [("TimelyStudyDays", Kind.Days)],
        ["NR-03"] = [("Bands", Kind.Bands)],
        ["NR-04"] = [("Bands", Kind.Bands)],
        ["NR-05"] = [("MinTopicsPerYear", Kind.Count), ("DistinctPoints", Kind.Points), ("SharePoints", Kind.Points)],
        ["XS-01"] = [("MinSessionsPerYear", Kind.Count), ("RequireEveryQuarter", Kind.Flag), ("SessionShortfallDeduction", Kind.Factor), ("QuarterGapDeduction", Kind.Factor)],
        ["XS-02"] = [("MinSessionMinutes", Kind.Days), ("ShortSessionDeduction", Kind.Factor)],
        ["XS-03"] = [("DiscussionShare", Kind.Share), ("MinSpeechesPerSession", Kind.Count), ("DiscussionPoints", Kind.Points), ("MinSpeechesPerMember", Kind.Count), ("SpeakerPoints", Kind.Points)],
        ["XS-04"] = [("PlanPoints", Kind.Points), ("NotesPoints", Kind.Points)],
        ["XS-05"] = [("MinLecturesPerYear", Kind.Count), ("PartialPoints", Kind.Points)],
        ["XS-06"] = [("MinFieldStudiesPerYear", Kind.Count)],
        ["XS-07"] = [("PlatformTarget", Kind.Share), ("PlatformFloor", Kind.Share), ("FloorPoints", Kind.Points)],
        ["ZD-01"] = [("SignInPoints", Kind.Points), ("LeavePoints", Kind.Points)],
        ["ZD-02"] = [("AttendanceTarget", Kind.Share), ("AttendanceFloor", Kind.Share), ("DeductionPerRate", Kind.Factor)],
        ["ZD-03"] = [],
        ["ZD-04"] = [],
        ["ZD-05"] = [("RulesPoints", Kind.Points), ("ArchivePoints", Kind.Points)],
        ["ZD-06"] = [("MinBulletinsPerYear", Kind.Count), ("BulletinPoints", Kind.Points), ("ReviewPoints", Kind.Points)],
        ["CX-01"] = [],
        ["CX-02"] = [("MinResearchReportsPerMember", Kind.Count)],
        ["CX-03"] = [("MinArticlesPerMember", Kind.Count)],
        ["CX-04"] = [("SecretaryPoints", Kind.Points), ("OthersPoints", Kind.Points)],
        ["CX-05"] = [("Bands", Kind.Bands)],
        ["FJ-01"] = [("VetoMinSessions", Kind.Count)],
        ["FJ-02"] = [],
        ["FJ-03"] = [],
        ["JF-01"] = [("PointsEach", Kind.Factor), ("MaxPoints", Kind.Factor)],
        ["JF-02"] = [("PointsEach", Kind.Factor), ("MaxPoints", Kind.Factor)],
        ["JF-03"] = [("Points", Kind.Factor)],
    };

    /// <summary>The ids that have parameter requirements: every id a rule exists for.</summary>
    public static IEnumerable<string> Ids => Required.Keys;

    public static void Check(Rubric rubric)
    {
        foreach (var item in rubric.Items)
        {
            Check(item.Id, item.Parameters, item.Max);
        }

        foreach (var v in rubric.Vetoes)
        {
            Check(v.Id, v.Parameters, 0);
        }

        foreach (var b in rubric.Bonus)
        {
            Check(b.Id, b.Parameters, rubric.BonusCap);
        }

        var target = rubric.Item("ZD-02")?.Parameters;
        if (target is not null && target.Number("AttendanceFloor") > target.Number("AttendanceTarget"))
        {
            throw new RubricException("ZD-02: AttendanceFloor must not exceed AttendanceTarget");
        }

        var platform = rubric.Item("XS-07")?.Parameters;
        if (platform is not null && platform.Number("PlatformFloor") > platform.Number("PlatformTarget"))
        {
            throw new RubricException("XS-07: PlatformFloor must not exceed PlatformTarget");
        }
    }

    private static void Check(string id, Parameters p, decimal max)
    {
        if (!Required.TryGetValue(id, out var needs))
        {
            return; // the rule inventory reports ids without a rule
        }

        foreach (var (name, kind) in needs)
        {
            try
            {
                CheckOne(p, name, kind, max);
            }
            catch (RubricException e)
            {
                throw new RubricException($"{id}: {e.Message}", e);
            }
        }
    }

    private static void CheckOne(Parameters p, string name, Kind kind, decimal max)
    {
        switch (kind)
        {
            case Kind.Points:
                InRange(name, p.Number(name), 0, max);
                break;
            case Kind.Count:
                InRange(name, p.Whole(name), 1, 100000);
                break;
            case Kind.Days:
                p.Whole(name);
                break;
            case Kind.Share:
                InRange(name, p.Number(name), 0, 1);
                break;
            case Kind.Factor:
                InRange(name, p.Number(name), 0, 1000);
                break;
            case Kind.Flag:
                p.Flag(name);
                break;
            case Kind.MonthDay:
                p.MonthDay(name);
                break;
            case Kind.Bands:
                foreach (var b in p.Bands(name))
                {
                    InRange(name + " points", b.Points, 0, max);
                    InRange(name + " threshold", b.Threshold, 0, 100000);
                }

                break;
        }
    }

    private static void InRange(string name, decimal value, decimal min, decimal max)
    {
        if (value < min || value > max)
        {
            throw new RubricException($"parameter {name} must lie in [{Numbers.Format(min)}, {Numbers.Format(max)}], not {Numbers.Format(value)}");
        }
    }
}
