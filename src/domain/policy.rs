//! Who may do what: one decision function over role × resource × action, used by every handler.
//!
//! Later features add resources here and rows to the matrix test below; handlers never check roles
//! themselves.

use super::role::{MemberStatus, Role};

/// What a request touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// News, notices, events, facilities: anyone may read.
    PublicInfo,
    /// The member's own account: profile, mail addresses, registered phone.
    OwnAccount,
    /// Members-only portal content (posts, communities).
    MemberContent,
    /// Other members' accounts: approval, real names, roles.
    Members,
    /// Anything about a child: watch history, notebook, pickup details. The handler checks that the
    /// child is the guardian's own (through her verified addresses) or at the teacher's school.
    ChildRecord,
    /// A guardian's own pass-mail choices for her child (quiet hours, readers); the handler checks
    /// that the recipient address is one of hers.
    OwnAlerts,
    /// A facility's 一時預かり空き状況 (reading it is `PublicInfo`). The handler checks that the member
    /// is staff of that facility (`facility_staff`) unless `facility_reach` says every facility.
    CareSlots,
    /// Child-watch setup: schools, readers and their secrets, tags, recipients, staff, the audit log.
    WatchSetup,
    /// A member's own part of 送迎・あずかり支援: her enrolment, children, requests, supporter
    /// profile and the offers sent to her. The handler checks that the row is hers; a family's
    /// children's names and address reach a supporter only as `support::privacy` allows.
    SupportOwn,
    /// The centre's side of 送迎・あずかり支援: vetting, 事前打合せ, assigning, disputes,
    /// statements, the console. Coordinators (アドバイザー) only; their actions are logged.
    SupportCentre,
    /// A guardian's own part of デジタル連絡帳・伝言板: joining her children by 申込コード, her
    /// family's messages, absence notices and home board. Any approved member may join a child; the
    /// handler checks that the family, child or message is hers (`notebook::access`).
    Notebook,
    /// A school's side of the notebook: rosters' 申込コード, joins, messages and receipts, absence
    /// notices, the not-arrived list, the school's settings. Teachers (the handler checks that the
    /// school is hers) and coordinators (every school).
    NotebookSchool,
    /// Service-wide settings.
    System,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Create,
    Update,
    Delete,
    /// Approve, suspend, hide: a coordinator's decision about someone else's data.
    Moderate,
}

/// How strongly the session proves who is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Assurance {
    /// かんたんログイン: a carrier subscriber id, spoofable in principle.
    Low,
    /// Password typed in this session.
    High,
}

/// The member behind a request, as far as the policy cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub roles: Vec<Role>,
    pub status: MemberStatus,
    pub assurance: Assurance,
}

impl Principal {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    fn has_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.has(*r))
    }
}

/// The outcome, each with its own page or redirect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Not logged in: go to the login page.
    Login,
    /// Logged in but a coordinator has not approved the member yet.
    AwaitApproval,
    /// Low-assurance session: type the password once, then go on.
    ConfirmPassword,
    Deny,
}

const STAFF: [Role; 2] = [Role::Coordinator, Role::Admin];

/// Decides whether `who` (None: not logged in) may perform `action` on `resource`.
pub fn decide(who: Option<&Principal>, resource: Resource, action: Action) -> Decision {
    if resource == Resource::PublicInfo && action == Action::Read {
        return Decision::Allow;
    }
    let Some(p) = who else {
        return Decision::Login;
    };
    match p.status {
        MemberStatus::Suspended => return Decision::Deny,
        // A new member manages their own account while waiting, and sees nothing else.
        MemberStatus::Pending if resource != Resource::OwnAccount => return Decision::AwaitApproval,
        _ => {}
    }
    let allowed = match (resource, action) {
        (Resource::PublicInfo, _) => p.has_any(&STAFF),
        (Resource::OwnAccount, _) => true,
        (Resource::MemberContent, Action::Read | Action::Create) => true,
        (Resource::MemberContent, _) => p.has_any(&STAFF),
        (Resource::Members, _) => p.has_any(&STAFF),
        // The admin runs the system, not the children's data: only with the coordinator role too
        // (DESIGN §6 names guardians, school staff and coordinators).
        (Resource::ChildRecord, Action::Read) => p.has_any(&[Role::Guardian, Role::Teacher, Role::Coordinator]),
        (Resource::ChildRecord, _) => p.has_any(&[Role::Teacher, Role::Coordinator]),
        (Resource::OwnAlerts, _) => p.has(Role::Guardian),
        (Resource::WatchSetup, _) => p.has(Role::Coordinator),
        // Facility staff are members of any role; the staff table says which facility.
        (Resource::CareSlots, Action::Read | Action::Update) => true,
        (Resource::CareSlots, _) => p.has_any(&STAFF),
        (Resource::SupportOwn, _) => true,
        (Resource::SupportCentre, _) => p.has(Role::Coordinator),
        (Resource::Notebook, _) => true,
        (Resource::NotebookSchool, _) => p.has_any(&[Role::Teacher, Role::Coordinator]),
        (Resource::System, _) => p.has(Role::Admin),
    };
    if !allowed {
        Decision::Deny
    } else if p.assurance < Assurance::High && needs_password(resource, action) {
        Decision::ConfirmPassword
    } else {
        Decision::Allow
    }
}

/// Whose children a member reaches once `decide` allowed a `ChildRecord` action. The handler checks
/// the relation itself: a guardian's confirmed addresses among the child's recipients, a teacher's
/// `school_staff` row for the child's school. Views through a school role are audit-logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChildReach {
    /// Coordinators: every school and every child.
    pub every_school: bool,
    /// Teachers: the boards and children of the schools they work at.
    pub own_schools: bool,
    /// Guardians: the children whose pass mails they receive.
    pub own_family: bool,
}

pub fn child_reach(p: &Principal) -> ChildReach {
    ChildReach {
        every_school: p.has(Role::Coordinator),
        own_schools: p.has(Role::Teacher),
        own_family: p.has(Role::Guardian),
    }
}

/// Whose care slots a member may update once `decide` allowed a `CareSlots` action: coordinators
/// every facility's, everyone else only those of the facilities they are staff of.
pub fn every_facility(p: &Principal) -> bool {
    p.has(Role::Coordinator)
}

/// What a spoofable かんたんログイン session may not do without the password: anything about a
/// child (a guardian's mail choices tell where the child walks; the notebook holds absences and
/// their reasons), and changing the account itself
/// (a new address would be a way to take it over).
fn needs_password(resource: Resource, action: Action) -> bool {
    match resource {
        Resource::ChildRecord
        | Resource::OwnAlerts
        | Resource::WatchSetup
        | Resource::Notebook
        | Resource::NotebookSchool => true,
        Resource::OwnAccount => action != Action::Read,
        // The admin pages: other members' data and the centre's and the system's settings. A
        // spoofed subscriber id must not reach them, reading included.
        Resource::Members | Resource::System | Resource::SupportCentre => true,
        Resource::PublicInfo => action != Action::Read,
        Resource::MemberContent => !matches!(action, Action::Read | Action::Create),
        Resource::CareSlots => matches!(action, Action::Create | Action::Delete),
        Resource::SupportOwn => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use Decision::*;
    use Resource::*;

    fn member(roles: &[Role]) -> Principal {
        Principal {
            roles: roles.to_vec(),
            status: MemberStatus::Approved,
            assurance: Assurance::High,
        }
    }

    /// The matrix: one row per (resource, action), one column per kind of visitor:
    /// anonymous, guardian, supporter, teacher, coordinator, admin.
    #[test]
    fn approved_members_by_role() {
        let visitors: [Option<Principal>; 6] = [
            None,
            Some(member(&[Role::Guardian])),
            Some(member(&[Role::Supporter])),
            Some(member(&[Role::Teacher])),
            Some(member(&[Role::Coordinator])),
            Some(member(&[Role::Admin])),
        ];
        let matrix: &[(Resource, Action, [Decision; 6])] = &[
            (PublicInfo, Read, [Allow, Allow, Allow, Allow, Allow, Allow]),
            (PublicInfo, Create, [Login, Deny, Deny, Deny, Allow, Allow]),
            (PublicInfo, Delete, [Login, Deny, Deny, Deny, Allow, Allow]),
            (OwnAccount, Read, [Login, Allow, Allow, Allow, Allow, Allow]),
            (OwnAccount, Update, [Login, Allow, Allow, Allow, Allow, Allow]),
            (MemberContent, Read, [Login, Allow, Allow, Allow, Allow, Allow]),
            (MemberContent, Create, [Login, Allow, Allow, Allow, Allow, Allow]),
            (MemberContent, Moderate, [Login, Deny, Deny, Deny, Allow, Allow]),
            (Members, Read, [Login, Deny, Deny, Deny, Allow, Allow]),
            (Members, Moderate, [Login, Deny, Deny, Deny, Allow, Allow]),
            (ChildRecord, Read, [Login, Allow, Deny, Allow, Allow, Deny]),
            (ChildRecord, Update, [Login, Deny, Deny, Allow, Allow, Deny]),
            (OwnAlerts, Read, [Login, Allow, Deny, Deny, Deny, Deny]),
            (OwnAlerts, Update, [Login, Allow, Deny, Deny, Deny, Deny]),
            (WatchSetup, Read, [Login, Deny, Deny, Deny, Allow, Deny]),
            (WatchSetup, Update, [Login, Deny, Deny, Deny, Allow, Deny]),
            (System, Update, [Login, Deny, Deny, Deny, Deny, Allow]),
            (PublicInfo, Update, [Login, Deny, Deny, Deny, Allow, Allow]),
            (CareSlots, Read, [Login, Allow, Allow, Allow, Allow, Allow]),
            (CareSlots, Update, [Login, Allow, Allow, Allow, Allow, Allow]),
            (CareSlots, Delete, [Login, Deny, Deny, Deny, Allow, Allow]),
            (SupportOwn, Read, [Login, Allow, Allow, Allow, Allow, Allow]),
            (SupportOwn, Create, [Login, Allow, Allow, Allow, Allow, Allow]),
            (SupportCentre, Read, [Login, Deny, Deny, Deny, Allow, Deny]),
            (SupportCentre, Moderate, [Login, Deny, Deny, Deny, Allow, Deny]),
            (Notebook, Read, [Login, Allow, Allow, Allow, Allow, Allow]),
            (Notebook, Create, [Login, Allow, Allow, Allow, Allow, Allow]),
            (NotebookSchool, Read, [Login, Deny, Deny, Allow, Allow, Deny]),
            (NotebookSchool, Create, [Login, Deny, Deny, Allow, Allow, Deny]),
        ];
        for (resource, action, expected) in matrix {
            for (who, want) in visitors.iter().zip(expected) {
                assert_eq!(
                    decide(who.as_ref(), *resource, *action),
                    *want,
                    "{resource:?} {action:?} for {:?}",
                    who.as_ref().map(|p| &p.roles)
                );
            }
        }
    }

    #[test]
    fn the_role_decides_which_relations_to_a_child_count() {
        let reach = |roles: &[Role]| child_reach(&member(roles));
        assert_eq!(
            reach(&[Role::Guardian]),
            ChildReach {
                own_family: true,
                ..ChildReach::default()
            }
        );
        assert_eq!(
            reach(&[Role::Teacher]),
            ChildReach {
                own_schools: true,
                ..ChildReach::default()
            }
        );
        assert!(reach(&[Role::Coordinator]).every_school);
        assert_eq!(reach(&[Role::Admin]), ChildReach::default());
        assert_eq!(reach(&[Role::Supporter]), ChildReach::default());
    }

    #[test]
    fn only_coordinators_reach_every_facility() {
        assert!(every_facility(&member(&[Role::Coordinator])));
        for role in [Role::Guardian, Role::Supporter, Role::Teacher, Role::Admin] {
            assert!(!every_facility(&member(&[role])));
        }
    }

    #[test]
    fn several_roles_add_up() {
        let both = member(&[Role::Supporter, Role::Coordinator]);
        assert_eq!(decide(Some(&both), Members, Moderate), Allow);
        assert_eq!(decide(Some(&both), ChildRecord, Read), Allow);
    }

    #[test]
    fn pending_members_see_only_their_own_account() {
        let mut p = member(&[Role::Guardian]);
        p.status = MemberStatus::Pending;
        assert_eq!(decide(Some(&p), OwnAccount, Update), Allow);
        assert_eq!(decide(Some(&p), PublicInfo, Read), Allow);
        assert_eq!(decide(Some(&p), MemberContent, Read), AwaitApproval);
        assert_eq!(decide(Some(&p), ChildRecord, Read), AwaitApproval);
    }

    #[test]
    fn suspended_members_are_denied_all_but_public_pages() {
        let mut p = member(&[Role::Coordinator]);
        p.status = MemberStatus::Suspended;
        assert_eq!(decide(Some(&p), PublicInfo, Read), Allow);
        assert_eq!(decide(Some(&p), OwnAccount, Read), Deny);
        assert_eq!(decide(Some(&p), Members, Read), Deny);
    }

    #[test]
    fn low_assurance_sessions_confirm_the_password_for_children_and_account_changes() {
        let mut p = member(&[Role::Guardian]);
        p.assurance = Assurance::Low;
        assert_eq!(decide(Some(&p), ChildRecord, Read), ConfirmPassword);
        assert_eq!(decide(Some(&p), OwnAlerts, Update), ConfirmPassword);
        assert_eq!(decide(Some(&p), OwnAccount, Update), ConfirmPassword);
        assert_eq!(decide(Some(&p), OwnAccount, Read), Allow);
        assert_eq!(decide(Some(&p), MemberContent, Create), Allow);
        // A role that may not see children is denied, not asked for a password.
        let mut s = member(&[Role::Supporter]);
        s.assurance = Assurance::Low;
        assert_eq!(decide(Some(&s), ChildRecord, Read), Deny);
    }

    #[test]
    fn low_assurance_sessions_confirm_the_password_for_admin_pages() {
        let mut staff = member(&[Role::Coordinator, Role::Admin]);
        staff.assurance = Assurance::Low;
        for (resource, action) in [
            (Members, Read),
            (Members, Moderate),
            (System, Read),
            (SupportCentre, Read),
            (PublicInfo, Create),
            (MemberContent, Moderate),
        ] {
            assert_eq!(
                decide(Some(&staff), resource, action),
                ConfirmPassword,
                "{resource:?} {action:?}"
            );
        }
        assert_eq!(decide(Some(&staff), PublicInfo, Read), Allow);
        assert_eq!(decide(Some(&staff), MemberContent, Create), Allow);
        staff.assurance = Assurance::High;
        assert_eq!(decide(Some(&staff), Members, Read), Allow);
    }
}
