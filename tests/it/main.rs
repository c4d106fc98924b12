//! Integration tests, one binary. Every database test runs on SQLite, and on PostgreSQL when
//! FRONTDESK_TEST_POSTGRES_URL is set (each test in a fresh database).

mod helpers;

mod browser;

mod caldav;
mod calendar;
mod calendar_ics;
mod calendar_ics_edges;
mod calendar_props;
mod cli;
mod dashboard;
mod dashboard_after_reply;
mod engine;
mod eval;
mod fuzz;
mod group_commit;
mod hostile_feed;
mod landlines;
mod limits;
mod llm;
mod no_shows;
mod not_found;
mod nudges;
mod outbox;
mod profile_import;
mod properties;
mod real_llm;
mod reminders;
mod reminders_crash;
mod returning;
mod scale;
mod security;
mod sms;
mod telnyx;
mod telnyx_landlines;
mod textback;
mod voice;
mod voice_quiet_hours;
mod webhooks;

// Bytes allocated per thread, for the resource-limits tests (`limits.rs`).
thread_local! {
    pub static ALLOCATED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

struct Counting;

// SAFETY: every call is passed on to the system allocator unchanged; the counter is a
// const-initialised thread-local `Cell`, which neither allocates nor blocks.
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get().wrapping_add(layout.size())));
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new: usize) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get().wrapping_add(new)));
        unsafe { std::alloc::System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;
