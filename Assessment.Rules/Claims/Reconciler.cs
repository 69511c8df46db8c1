using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;

namespace Assessment.Rules.Claims;

/// <summary>Sets each claim against a unit's records by the rubric's own definitions: the facts the rules score
/// (S, M, sec, the plan, the per-session and per-member counts) and the unit's scorecard. Only achieved claims are
/// checked; a plan or a shortcoming is not a statement about the records.</summary>
internal static class Reconciler
{
    public static ClaimReport Reconcile(ClaimReport report, UnitRecord unit, Assessor assessor, DateOnly asOf)
    {
        var facts = FactBuilder.Build(unit, assessor.RubricFor(unit.Unit));
        var u = (UnitFacts)facts[0];
        var sessions = facts.OfType<SessionFacts>().Single();
        var members = facts.OfType<MemberFacts>().Single();
        var card = assessor.Score(unit, asOf);
        var year = u.Year;
        var outputs = unit.Outputs.Where(o => year.InYearOrBlank(o.Date)).ToArray();

        decimal? Records(Claim c) => c.Kind switch
        {
            "sessions" => u.N,
            "lectures" => sessions.Count(s => s.Row.Form == SessionForm.Lecture),
            "field_studies" => sessions.Count(s => s.Row.Form == SessionForm.Field),
            "online_study" => u.Unit.PlatformActiveRate,
            "attendance_rate" => u.N * u.M == 0 ? null : (decimal)sessions.Sum(s => s.Present) / (u.M * u.N),
            "secretary_hosted" => u.N == 0 ? null : sessions.Count(s => (u.Secretary is not null && s.Row.HostId == u.Secretary.MemberId) || s.Row.ActingReason is not null),
            "secretary_approved_plan" => u.Plan is null ? null : u.Plan.ApprovedBy is not null && u.Plan.ApprovedBy == u.Secretary?.MemberId ? 1 : 0,
            "secretary_lectures" => u.Secretary is null ? null : members.Where(m => m.IsSecretary).Sum(m => m.PartyLectures),
            "speakers_per_session" => u.N == 0 ? null : sessions.Min(s => s.DiscussionSpeeches),
            "research_reports" => members.Sum(m => m.ResearchReports),
            "articles" => members.Sum(m => m.Articles),
            "member_lectures" => members.Where(m => !m.IsSecretary).Sum(m => m.PartyLectures + m.Talks),
            "plan" => u.Plan is null ? 0 : 1,
            "study_rules" => unit.Documents.Count(d => d.Kind == DocumentKind.Rules),
            "archive" => unit.Documents.Count(d => d.Kind == DocumentKind.Archive && year.InWindowOrBlank(d.Date)),
            "study_secretary" => unit.Members.Count(m => m.Roles.HasFlag(MemberRole.StudySecretary)),
            "on_agenda" => u.Unit.AgendaMeetings,
            "responsibility_systems" => u.Unit.InPartyBuildingResp is null && u.Unit.InIdeologyResp is null ? null
                : (u.Unit.InPartyBuildingResp == true ? 1 : 0) + (u.Unit.InIdeologyResp == true ? 1 : 0),
            "advance_notice" => u.N == 0 ? null : sessions.Count(s => s.Row.NoticeDate is not null),
            "briefings" => u.N == 0 ? null : sessions.Count(s => s.Row.Briefing == true),
            "reported_upward" => (u.Plan?.FiledDate is null ? 0 : 1) + (u.Summary?.FiledDate is null ? 0 : 1),
            "attendance_records" => u.N == 0 ? null : sessions.Count(s => s.Row.SignIn == true),
            "leave_procedure" => sessions.Sum(s => s.Leave),
            "makeup_study" => sessions.Sum(s => s.MadeUp),
            "member_review" => unit.Documents.Count(d => d.Kind == DocumentKind.MemberReview && year.InWindowOrBlank(d.Date)),
            "subordinate_supervision" => unit.Events.Count(e => e.Kind is EventKind.SitIn or EventKind.Inspection && year.InYearOrBlank(e.Date)),
            "self_study_plans" => u.M == 0 ? null : members.Count(m => m.Row.SelfStudyPlan == true),
            "publications" => outputs.Count(o => o.PublishedLevel >= PublishedLevel.City),
            "conversions" => outputs.Count(o => o.Kind == OutputKind.Conversion),
            _ => null,
        };

        // "all" means every one: of the sessions, the members, or (for rates) all of them.
        decimal? AllOf(Claim c) => c.Kind switch
        {
            "secretary_hosted" or "briefings" or "advance_notice" or "attendance_records" => u.N,
            "research_reports" => u.M,
            "articles" => u.M,
            "self_study_plans" => u.M,
            "online_study" => 1,
            _ => null,
        };

        string Verdict(Claim c, decimal? records)
        {
            if (c.Stance != "achieved" || records is null || c.Value is "unfilled")
            {
                return "unverifiable";
            }

            var r = records.Value;
            switch (c.Value)
            {
                case "present":
                    return r > 0 ? "consistent" : "overstated";
                case "all":
                    var all = AllOf(c);
                    if (all is null)
                    {
                        return r > 0 ? "consistent" : "overstated";
                    }

                    var covered = c.Kind is "research_reports" or "articles" ? members.Count(m => c.Kind == "research_reports" ? m.ResearchReports > 0 : m.Articles > 0) : r;
                    return covered >= all ? "consistent" : "overstated";
                case int n:
                    return n == r ? "consistent" : n > r ? "overstated" : "understated";
                case decimal rate:
                    var ok = c.Comparator switch
                    {
                        ">" => r > rate,
                        "≥" => r >= rate,
                        "≤" => r <= rate,
                        _ => Math.Abs(r - rate) < 0.005m,
                    };
                    return ok ? "consistent" : r < rate ? "overstated" : "understated";
                default:
                    return "unverifiable";
            }
        }

        var claims = report.Claims.Select(c =>
        {
            var records = Records(c);
            return c with { Records = records is null ? null : Math.Round(records.Value, 4), Verdict = Verdict(c, records) };
        }).ToArray();
        var mentioned = claims.Select(c => c.Item).ToHashSet();
        var unmentioned = card.Items.Where(i => i.Status is ItemStatus.Met or ItemStatus.Partial && !mentioned.Contains(i.Id)).Select(i => i.Id).ToArray();
        return report with { Claims = claims, Unmentioned = unmentioned };
    }
}
