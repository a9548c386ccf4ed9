#pragma once
// Newsletters (SC通信, 協議体だより): an issue with its articles in order and the upcoming events it
// announces. Issues, articles and events are registers edited on the generic pages; these use
// cases compose: pull an article from a case study or a meeting record (the text is copied in and
// the source linked, so the editor can still change it), move an article up or down, announce a
// meeting of the coming weeks, and list the past issues of the same kind and council. Every change
// goes through Registry in one transaction with its audit entry, so who may is the register's rule
// (the issue's district, else city-wide).
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/calendar.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

using domain::Id;

struct NewsletterIssue {
  domain::Record issue;
  std::vector<domain::Record> articles;  // in order
  std::vector<domain::Record> events;    // by day
  bool may_change = false;
};

// The text an article pulled from a case study or a meeting starts with.
struct ArticleDraft {
  std::string heading;
  std::string body;
};
ArticleDraft article_from_case(const domain::Record& case_study);
ArticleDraft article_from_meeting(const domain::Record& meeting);

// The meeting a calendar event stands for (uid 「meeting-12@sasaeai」); 0 for a course.
Id meeting_id_of(const CalendarEvent& event);

class Newsletters {
 public:
  explicit Newsletters(store::Store& store) : store_(store) {}

  NewsletterIssue issue(const Actor& actor, Id issue_id);
  // Issues of the same kind and council (for SC通信 without a council: the same district), newest
  // first, without this one.
  std::vector<domain::Record> past_issues(const Actor& actor, const domain::Record& issue);
  // Meetings (not cancelled) from the issue's date to `weeks` weeks later that the reader may see,
  // of the issue's council or district when it has one; those already announced are left out.
  std::vector<CalendarEvent> upcoming(const Actor& actor, const NewsletterIssue& issue, int weeks = 8);

  // Meetings of the issue's council or district (every one for an issue without either) in the
  // `weeks` weeks up to the issue's date, newest first: the records an article may be pulled from.
  std::vector<CalendarEvent> recent(const Actor& actor, const NewsletterIssue& issue, int weeks = 26);
  // Refused (forbidden, not_found) unless the actor may change this issue's articles and events.
  void require_change(const Actor& actor, Id issue_id);

  // Each returns the new article's or event's id.
  Id pull_case_study(const Actor& actor, Id issue_id, Id case_id);
  Id pull_meeting(const Actor& actor, Id issue_id, Id meeting_id);
  Id announce_meeting(const Actor& actor, Id issue_id, Id meeting_id);
  // Swaps the article with the one before (`up`) or after it; the orders become 10, 20, 30 ….
  void move_article(const Actor& actor, Id issue_id, Id article_id, bool up);

 private:
  store::Store& store_;
};

}  // namespace sasaeai::app
