#pragma once
// TimelineModel: the QML face of the playback timeline (timeline.h does the arithmetic). The view sets its
// pixel width; the model answers with tick marks, each camera row's recorded spans and the alarm marks as
// pixel positions, and takes the operator's zoom, pan and jumps. The playhead (`cursorMs`) is set by the
// playback session; the view moves it only through the session (seek), so there is one clock.
//
// Thread: GUI only.
#include "vigil/playback/timeline.h"

#include <QtCore/QObject>
#include <QtCore/QVariantList>
#include <QtQml/qqmlregistration.h>

namespace vigil::playback {

class TimelineModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    // Recording time (UTC epoch ms) as numbers: QML has no 64-bit integer type; doubles are exact to 2^53.
    Q_PROPERTY(double windowStartMs READ windowStartMs NOTIFY windowChanged)
    Q_PROPERTY(double windowEndMs READ windowEndMs NOTIFY windowChanged)
    Q_PROPERTY(double width READ width WRITE setWidth NOTIFY windowChanged)
    Q_PROPERTY(double cursorMs READ cursorMs WRITE setCursorMs NOTIFY cursorChanged)
    Q_PROPERTY(double cursorX READ cursorX NOTIFY cursorXChanged)
    // [{x, major, label}]
    Q_PROPERTY(QVariantList ticks READ ticks NOTIFY windowChanged)
    // [{label, spans: [{x, width}]}] — one row per camera, recorded spans clipped to the window.
    Q_PROPERTY(QVariantList rows READ rows NOTIFY rowsChanged)
    // [{x, label}] — alarm and motion marks inside the window.
    Q_PROPERTY(QVariantList marks READ marks NOTIFY rowsChanged)
    // The window's range as the operator reads it: "12-06 14:00 – 15:00".
    Q_PROPERTY(QString windowLabel READ windowLabel NOTIFY windowChanged)

public:
    struct Row
    {
        QString label;
        QList<Span> spans;
    };
    struct Mark
    {
        std::int64_t timeMs = 0;
        QString label;
        QString cameraId; // the camera it is about, or "" (the session puts the camera's name in front)
    };

    explicit TimelineModel(QObject *parent = nullptr);

    double windowStartMs() const { return double(m_window.startMs); }
    double windowEndMs() const { return double(m_window.endMs); }
    TimeWindow window() const { return m_window; }
    double width() const { return m_width; }
    void setWidth(double width);
    double cursorMs() const { return double(m_cursorMs); }
    void setCursorMs(double ms);
    double cursorX() const;
    QVariantList ticks() const;
    QVariantList rows() const;
    QVariantList marks() const;
    QString windowLabel() const;

    void setRows(QList<Row> rows);
    void setMarks(QList<Mark> marks);
    void setWindow(TimeWindow window);
    // The operator's time zone offset for labels (default: the machine's, at the window's start).
    void setUtcOffsetSeconds(int seconds);

    // Wheel/pinch: factor < 1 zooms in around the pixel x.
    Q_INVOKABLE void zoomAt(double x, double factor);
    Q_INVOKABLE void panBy(double dxPx);
    Q_INVOKABLE double timeAt(double x) const;
    Q_INVOKABLE double xAt(double ms) const;
    // Moves the window so that ms is visible (centred when it was outside).
    Q_INVOKABLE void reveal(double ms);
    // Presets: 1 min, 10 min, 1 h, 6 h, 1 day, 7 days, around the cursor.
    Q_INVOKABLE void showSpan(double lengthMs);

signals:
    void windowChanged();
    void cursorChanged();
    void cursorXChanged();
    void rowsChanged();

private:
    TimeWindow m_window;
    double m_width = 800;
    std::int64_t m_cursorMs = 0;
    int m_utcOffsetSeconds = 0;
    bool m_offsetSet = false;
    QList<Row> m_rows;
    QList<Mark> m_marks;
};

} // namespace vigil::playback
