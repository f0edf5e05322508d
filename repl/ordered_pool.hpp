// Work on a stream of items in parallel, with the results taken back in input order: the
// calling thread reads items in and takes results out (the only serial part), `threads - 1`
// workers process them, and the caller processes them too whenever it would otherwise wait.
// Items travel in chunks; at most `kSlots` chunks are in flight, so memory stays constant
// however long the stream, and items are reused (a record keeps its buffers).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "startup_heap.hpp"

namespace pingfen::cli {

template <class Item>
class OrderedPool {
public:
    // `work` runs on any thread, on one item at a time; items of a chunk are independent.
    OrderedPool(unsigned threads, std::size_t chunk, std::function<void(Item&)> work)
        : chunk_(chunk), work_(std::move(work)) {
        for (auto& s : slots_) s = std::make_unique<Chunk>();
        for (unsigned t = 1; t < threads; ++t)
            workers_.emplace_back([this] {
                thread_heap_on_huge_pages();
                serve();
            });
    }
    ~OrderedPool() {
        {
            std::lock_guard<std::mutex> lk(m_);
            closing_ = true;
        }
        work_cv_.notify_all();
        for (auto& t : workers_) t.join();
    }
    OrderedPool(const OrderedPool&) = delete;
    OrderedPool& operator=(const OrderedPool&) = delete;

    // `fill(item)` reads the next item in (false at the end of the input); `take(item)` receives
    // each processed item in input order (false: stop, the rest is not taken). Both run on the
    // calling thread; `chunk_taken()` after each chunk's items were taken.
    void run(const std::function<bool(Item&)>& fill, const std::function<bool(Item&)>& take,
             const std::function<void()>& chunk_taken = {}) {
        std::vector<Chunk*> free;
        for (auto& s : slots_) free.push_back(s.get());
        bool more = true;
        for (;;) {
            while (more && !free.empty()) {
                Chunk* c = free.back();
                free.pop_back();
                c->filled = c->next = c->done = 0;
                while (c->filled < chunk_) {
                    if (c->items.size() == c->filled) c->items.emplace_back();
                    if (!fill(c->items[c->filled])) {
                        more = false;
                        break;
                    }
                    ++c->filled;
                }
                if (c->filled == 0) {
                    free.push_back(c);
                    break;
                }
                {
                    std::lock_guard<std::mutex> lk(m_);
                    queue_.push_back(c);
                }
                work_cv_.notify_all();
            }
            Chunk* oldest = nullptr;
            {
                std::unique_lock<std::mutex> lk(m_);
                if (queue_.empty()) break;
                oldest = queue_.front();
                // Help rather than wait: the caller is a worker too until the oldest chunk is done.
                while (oldest->done < oldest->filled) {
                    if (!work_one(lk)) done_cv_.wait(lk);
                }
                queue_.pop_front();
            }
            bool go_on = true;
            for (std::size_t i = 0; i < oldest->filled && go_on; ++i) go_on = take(oldest->items[i]);
            free.push_back(oldest);
            if (chunk_taken) chunk_taken();
            if (!go_on) {
                stop();
                return;
            }
        }
    }

private:
    struct Chunk {
        std::vector<Item> items;
        std::size_t filled = 0, next = 0, done = 0;  // next and done under the lock
    };
    static constexpr std::size_t kSlots = 4;
    static constexpr std::size_t kTake = 4;  // items taken at once

    // A few neighbouring items of the oldest chunk that has some left; false when there are
    // none. Called with the lock held, which it releases while the items are worked on. A few
    // at a time: a quarter of the locking, and neighbours in memory stay on one thread.
    bool work_one(std::unique_lock<std::mutex>& lk) {
        for (Chunk* c : queue_) {
            if (c->next == c->filled) continue;
            const std::size_t first = c->next, last = std::min(c->filled, first + kTake);
            c->next = last;
            lk.unlock();
            for (std::size_t i = first; i < last; ++i) work_(c->items[i]);
            lk.lock();
            c->done += last - first;
            if (c->done == c->filled) done_cv_.notify_all();
            return true;
        }
        return false;
    }

    void serve() {
        std::unique_lock<std::mutex> lk(m_);
        for (;;) {
            if (work_one(lk)) continue;
            if (closing_) return;
            work_cv_.wait(lk);
        }
    }

    // Stopped early: no item not yet started is started; those being worked on finish.
    void stop() {
        std::unique_lock<std::mutex> lk(m_);
        for (Chunk* c : queue_) c->filled = c->next;
        for (Chunk* c : queue_)
            while (c->done < c->next) done_cv_.wait(lk);
        queue_.clear();
    }

    std::size_t chunk_;
    std::function<void(Item&)> work_;
    std::unique_ptr<Chunk> slots_[kSlots];
    std::mutex m_;
    std::condition_variable work_cv_, done_cv_;
    std::deque<Chunk*> queue_;
    bool closing_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace pingfen::cli
