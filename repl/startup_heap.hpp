// The command line's heap on transparent huge pages (startup_heap.cpp says why and how): the
// main thread's is set up before main; a worker thread calls this when it starts.
#pragma once

namespace pingfen::cli {

void thread_heap_on_huge_pages();

}  // namespace pingfen::cli
