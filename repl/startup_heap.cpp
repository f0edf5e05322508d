// The command line's heap on transparent huge pages, set up before anything else of the program
// runs (the parser's tables are built by static constructors and allocate at once).
//
// Why: on a virtual machine a page fault can cost 12 µs (measured on the machine the benchmark
// runs on: 1,000 first touches of anonymous pages took 12 ms). A cold `pingfen score` touches
// about 3 MB of heap, some 750 pages, which was a fifth of its time. The kernel serves a
// 2 MB-aligned range of a region marked MADV_HUGEPAGE with one fault. glibc would do this itself
// with GLIBC_TUNABLES=glibc.malloc.hugetlb=1, but that is read from the environment only, before
// main; a program cannot set it for itself.
//
// How: grow the heap in 16 MB steps (M_TOP_PAD) and grow it once now; mark the 2 MB-aligned part of
// it MADV_HUGEPAGE; fill the heap up to the first 2 MB boundary with one block that is never used,
// so that what the program allocates starts on the boundary, in huge pages. The filler's pages
// are never touched, so they cost no memory. Nothing here decides a result: when any step does not
// go as planned, the heap simply stays on small pages.
//
// Only the command line does this: a host embedding the library keeps its own heap as it is.
#include <cstdint>
#include <cstdlib>  // defines __GLIBC__ when it is glibc

// Not under a sanitizer, whose allocator is not glibc's (GCC says so with __SANITIZE_*__, clang
// with __has_feature).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PINGFEN_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define PINGFEN_SANITIZED 1
#endif
#endif

#if defined(__GLIBC__) && !defined(PINGFEN_SANITIZED)

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
constexpr int kStep = 16 << 20;        // the heap grows this much at a time
constexpr std::size_t kProbe = 64 << 10;  // below the mmap threshold: served from the heap
constexpr int kProbes = 64;
constexpr int kMmapThreshold = 4 << 20;

// Kept so that the block stays allocated. Volatile: a pointer stored and never read would let the
// compiler drop the allocation itself.
void* volatile filler = nullptr;

std::uintptr_t round_up(std::uintptr_t x) { return (x + kHugePage - 1) & ~(kHugePage - 1); }
std::uintptr_t round_down(std::uintptr_t x) { return x & ~(kHugePage - 1); }

__attribute__((constructor(101))) void heap_on_huge_pages() {
    if (mallopt(M_TOP_PAD, kStep) == 0 || mallopt(M_TRIM_THRESHOLD, 4 * kStep) == 0) return;
    const auto old_break = reinterpret_cast<std::uintptr_t>(sbrk(0));
    // Blocks from the top of the heap until one makes it grow (by kStep).
    void* probes[kProbes];
    int n = 0;
    while (n < kProbes && reinterpret_cast<std::uintptr_t>(sbrk(0)) == old_break) probes[n++] = std::malloc(kProbe);
    // Where the program's blocks will start: past what the probes can have touched.
    const std::uintptr_t boundary = round_up(old_break + 2 * kProbe);
    const std::uintptr_t end = round_down(reinterpret_cast<std::uintptr_t>(sbrk(0)));
    const bool grown = end > boundary && madvise(reinterpret_cast<void*>(boundary), end - boundary, MADV_HUGEPAGE) == 0;
    while (n > 0) std::free(probes[--n]);  // back into the top of the heap
    if (!grown) return;
    // Blocks up to 4 MB from the heap too, instead of fresh mapped (small) pages each time
    // (setting M_TOP_PAD above stopped glibc from raising this threshold by itself).
    if (mallopt(M_MMAP_THRESHOLD, kMmapThreshold) == 0) return;
    // The top of the heap now starts where the first probe did; a block from there to just
    // below the boundary.
    void* at = std::malloc(64);
    const auto start = reinterpret_cast<std::uintptr_t>(at);
    std::free(at);
    if (start < boundary - kProbe) filler = std::malloc(boundary - start - kProbe / 2);
}

}  // namespace

namespace pingfen::cli {

// A thread's own heap: glibc gives a thread a malloc arena of its own, a mapping aligned to
// 64 MB (its HEAP_MAX_SIZE on 64-bit) whose start holds the arena's header and which, with
// M_TOP_PAD as above, is writable 16 MB at once. Marked MADV_HUGEPAGE past its first 2 MB, with
// one block filling the heap up to there, so that what the thread allocates lands in huge pages
// as the main thread's does: `pingfen batch -j2` took some 740 page faults more than -j1 for its
// worker's heap.
void thread_heap_on_huge_pages() {
    constexpr std::uintptr_t kArena = std::uintptr_t{64} << 20;
    // The thread's arena, created now, and its first block: kept, as `filler` above.
    thread_local void* volatile first = nullptr;
    first = std::malloc(64);
    const auto at = reinterpret_cast<std::uintptr_t>(first);
    // In the main heap (below the break): this thread shares the main arena, already done.
    if (!first || at < reinterpret_cast<std::uintptr_t>(sbrk(0))) return;
    const std::uintptr_t base = at & ~(kArena - 1);
    const std::uintptr_t boundary = base + kHugePage;
    if (at + kProbe >= boundary) return;
    if (madvise(reinterpret_cast<void*>(boundary), kArena - kHugePage, MADV_HUGEPAGE) != 0) return;
    thread_local void* volatile thread_filler = nullptr;
    thread_filler = std::malloc(boundary - at - kProbe / 2);
    (void)thread_filler;
}

}  // namespace pingfen::cli

#else

namespace pingfen::cli {
void thread_heap_on_huge_pages() {}
}  // namespace pingfen::cli

#endif
