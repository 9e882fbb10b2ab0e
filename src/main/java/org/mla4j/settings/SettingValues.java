package org.mla4j.settings;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values given for settings, by spec key; a setting without a given value takes its default
 * ({@link Setting#defaultIn}). Immutable: {@link #with} and {@link #overriddenBy} make new ones.
 * Values are stored already checked by their setting's type.
 */
public final class SettingValues {
    public static final SettingValues NONE = new SettingValues(Map.of());

    private final Map<String, Object> given;

    private SettingValues(Map<String, Object> given) {
        this.given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
    }

    /** The value of {@code setting}: the given one, or its default. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Object v = given.get(setting.path());
        return v != null ? (T) v : setting.defaultIn(this);
    }

    public boolean has(Setting<?> setting) {
        return given.containsKey(setting.path());
    }

    /** These values with {@code setting} set to {@code value}. */
    public <T> SettingValues with(Setting<T> setting, T value) {
        Map<String, Object> m = new LinkedHashMap<>(given);
        m.put(setting.path(), value);
        return new SettingValues(m);
    }

    /** These values without one for {@code setting} (it takes its default again). */
    public SettingValues without(Setting<?> setting) {
        Map<String, Object> m = new LinkedHashMap<>(given);
        m.remove(setting.path());
        return new SettingValues(m);
    }

    /** These values, each replaced where {@code other} gives one. */
    public SettingValues overriddenBy(SettingValues other) {
        Map<String, Object> m = new LinkedHashMap<>(given);
        m.putAll(other.given);
        return new SettingValues(m);
    }

    /** Only the values of the given settings. */
    public SettingValues only(Collection<? extends Setting<?>> settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            if (given.containsKey(s.path())) {
                m.put(s.path(), given.get(s.path()));
            }
        }
        return new SettingValues(m);
    }

    /** Every one of {@code settings} with its value, given or default: plain JSON data by key. */
    public Map<String, Object> resolved(List<? extends Setting<?>> settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            m.put(s.key(), json(s));
        }
        return m;
    }

    /** The given values among {@code settings}, as plain JSON data by key (in the settings' order). */
    public Map<String, Object> givenJson(List<? extends Setting<?>> settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            if (has(s)) {
                m.put(s.key(), json(s));
            }
        }
        return m;
    }

    private <T> Object json(Setting<T> s) {
        T v = get(s);
        return v == null ? null : s.type().toJson(v);
    }

    /** The given values by spec key, as stored. */
    public Map<String, Object> given() {
        return given;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingValues v && given.equals(v.given);
    }

    @Override
    public int hashCode() {
        return given.hashCode();
    }

    @Override
    public String toString() {
        return given.toString();
    }
}
