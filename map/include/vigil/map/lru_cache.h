#pragma once
// A small least-recently-used cache bounded by total cost (e.g. bytes of decoded tile images). get() and
// insert() refresh an entry; inserting beyond the budget evicts the least recently used entries, but never
// the entry just inserted (an oversized item stays until the next insert). Not thread-safe: the map keeps
// one per MapView on the GUI thread.
#include <QtCore/QHash>

#include <cstdint>
#include <list>
#include <utility>

namespace vigil::map {

template<typename Key, typename Value> class LruCache
{
public:
    explicit LruCache(std::int64_t maxCost = 64 * 1024 * 1024)
        : m_maxCost(maxCost)
    {}

    // The value or nullptr; refreshes the entry when found.
    const Value *get(const Key &key)
    {
        auto it = m_index.find(key);
        if (it == m_index.end())
            return nullptr;
        m_order.splice(m_order.begin(), m_order, it.value());
        return &it.value()->value;
    }
    // Looks without refreshing (for drawing fallbacks that should not keep ancestors alive forever).
    const Value *peek(const Key &key) const
    {
        auto it = m_index.constFind(key);
        return it == m_index.constEnd() ? nullptr : &it.value()->value;
    }
    bool contains(const Key &key) const { return m_index.contains(key); }

    void insert(const Key &key, Value value, std::int64_t cost)
    {
        remove(key);
        m_order.push_front(Entry{key, std::move(value), cost});
        m_index.insert(key, m_order.begin());
        m_cost += cost;
        trim();
    }
    bool remove(const Key &key)
    {
        auto it = m_index.find(key);
        if (it == m_index.end())
            return false;
        m_cost -= it.value()->cost;
        m_order.erase(it.value());
        m_index.erase(it);
        return true;
    }
    void clear()
    {
        m_index.clear();
        m_order.clear();
        m_cost = 0;
    }
    void setMaxCost(std::int64_t maxCost)
    {
        m_maxCost = maxCost;
        trim();
    }

    std::int64_t maxCost() const { return m_maxCost; }
    std::int64_t totalCost() const { return m_cost; }
    int size() const { return int(m_index.size()); }
    // Keys from most to least recently used.
    QList<Key> keys() const
    {
        QList<Key> out;
        out.reserve(size());
        for (const Entry &e : m_order)
            out.append(e.key);
        return out;
    }
    int evictions() const { return m_evictions; }

private:
    struct Entry
    {
        Key key;
        Value value;
        std::int64_t cost;
    };

    void trim()
    {
        while (m_cost > m_maxCost && m_order.size() > 1) {
            const Entry &last = m_order.back();
            m_cost -= last.cost;
            m_index.remove(last.key);
            m_order.pop_back();
            ++m_evictions;
        }
    }

    std::list<Entry> m_order; // front = most recently used
    QHash<Key, typename std::list<Entry>::iterator> m_index;
    std::int64_t m_maxCost;
    std::int64_t m_cost = 0;
    int m_evictions = 0;
};

} // namespace vigil::map
