package dev.socialcrawl.proxy.sandbox;

import static dev.socialcrawl.proxy.sandbox.Json.arr;
import static dev.socialcrawl.proxy.sandbox.Json.obj;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Synthetic objects in each platform's own raw shape (TikTok {@code user}/{@code stats} and {@code aweme_detail},
 * Instagram GraphQL edges, Twitter {@code legacy}, Mastodon-style Truth Social, …), so that the field maps and the
 * list settings are exercised exactly as with the real providers.
 */
final class RawShapes {
    private static final DateTimeFormatter TWITTER = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private RawShapes() {
    }

    /** The full payload of a profile-like (Author) endpoint. */
    static ObjectNode author(String platform, Seeded s, String handle) {
        long followers = s.between(1_000L, 50_000_000L);
        long following = s.between(0L, 5_000L);
        long posts = s.between(10L, 9_000L);
        String name = s.fullName();
        String bio = s.sentence();
        return switch (platform) {
            case "tiktok" -> obj(
                    "user", obj("id", s.digits(19), "uniqueId", handle, "nickname", name,
                            "avatarLarger", s.image("p16-sign-va.tiktokcdn.com", "avt-1080"),
                            "avatarMedium", s.image("p16-sign-va.tiktokcdn.com", "avt-720"),
                            "avatarThumb", s.image("p16-sign-va.tiktokcdn.com", "avt-100"),
                            "signature", bio, "verified", s.chance(0.3), "privateAccount", false,
                            "secUid", "MS4wLjABAAAA" + s.token(40), "createTime", s.oldEpochSeconds(),
                            "region", "US", "language", "en"),
                    "stats", obj("followerCount", followers, "followingCount", following,
                            "heartCount", followers * s.between(3, 30) / 10, "videoCount", posts,
                            "diggCount", s.between(0L, 100_000L), "friendCount", s.between(0L, 500L)));
            case "instagram" -> obj("data", obj("user", obj(
                    "id", s.digits(11), "username", handle, "full_name", name, "biography", bio,
                    "profile_pic_url", s.image("scontent.cdninstagram.com", "v/t51.2885-19"),
                    "profile_pic_url_hd", s.image("scontent.cdninstagram.com", "v/t51.2885-19/hd"),
                    "is_verified", s.chance(0.3), "is_private", false, "is_business_account", s.chance(0.5),
                    "external_url", "https://linktr.ee/" + handle,
                    "edge_followed_by", obj("count", followers), "edge_follow", obj("count", following),
                    "edge_owner_to_timeline_media", obj("count", posts, "edges", arr()))),
                    "status", "ok");
            case "youtube" -> obj("id", "UC" + s.token(22), "name", name, "handle", handle,
                    "channel", "https://www.youtube.com/@" + handle, "description", bio,
                    "avatar", obj("image", obj("sources", arr(obj("url", s.image("yt3.googleusercontent.com", "ytc"),
                            "width", 176, "height", 176)))),
                    "subscriberCount", followers, "subscriberCountText", abbreviated(followers) + " subscribers",
                    "videoCount", posts, "videoCountText", posts + " videos", "viewCount", followers * 40,
                    "joinedDate", Instant.ofEpochSecond(s.oldEpochSeconds()).atZone(ZoneOffset.UTC).toLocalDate()
                            .toString(),
                    "isVerified", s.chance(0.4), "country", "United States");
            case "facebook" -> obj("id", s.digits(15), "name", name, "username", handle,
                    "url", "https://www.facebook.com/" + handle, "pageIntro", bio,
                    "profilePicLarge", s.image("scontent.xx.fbcdn.net", "v/t39.30808-1"),
                    "profilePicMedium", s.image("scontent.xx.fbcdn.net", "v/t39.30808-1/m"),
                    "followerCount", followers, "followingCount", following, "likeCount", followers * 9 / 10,
                    "isVerified", s.chance(0.4), "category", "Public figure",
                    "creationDate", Instant.ofEpochSecond(s.oldEpochSeconds()).toString());
            case "twitter" -> obj("rest_id", s.digits(18), "is_blue_verified", s.chance(0.5),
                    "legacy", obj("screen_name", handle, "name", name, "description", bio,
                            "profile_image_url_https", s.image("pbs.twimg.com", "profile_images"),
                            "followers_count", followers, "friends_count", following, "statuses_count", posts * 3,
                            "favourites_count", s.between(0L, 90_000L), "protected", false, "verified", false,
                            "created_at", TWITTER.format(Instant.ofEpochSecond(s.oldEpochSeconds())),
                            "location", "Earth"));
            case "linkedin" -> obj("id", s.digits(9), "name", name, "publicIdentifier", handle,
                    "linkedinUrl", "https://www.linkedin.com/in/" + handle + "/", "headline", "Founder at Acme",
                    "about", bio, "image", s.image("media.licdn.com", "dms/image"), "followers", followers / 10,
                    "connections", 500, "location", "San Francisco Bay Area");
            case "reddit" -> obj("kind", "t5", "data", obj("id", s.token(5).toLowerCase(Locale.ROOT),
                    "name", "t5_" + s.token(5).toLowerCase(Locale.ROOT), "display_name", handle,
                    "title", name + " community", "public_description", bio,
                    "community_icon", s.image("styles.redditmedia.com", "t5"),
                    "icon_img", "", "subscribers", followers, "accounts_active", followers / 1000,
                    "created_utc", (double) s.oldEpochSeconds(), "over18", false, "subreddit_type", "public",
                    "url", "/r/" + handle + "/"));
            case "threads" -> obj("user", obj("pk", s.digits(11), "id", s.digits(11) + "_" + s.digits(8),
                    "username", handle, "full_name", name, "biography", bio, "is_verified", s.chance(0.3),
                    "profile_pic_url", s.image("scontent.cdninstagram.com", "v/t51.2885-19"),
                    "hd_profile_pic_versions", arr(obj("url", s.image("scontent.cdninstagram.com", "hd"),
                            "width", 320, "height", 320)),
                    "follower_count", followers, "text_post_app_is_private", false));
            case "twitch" -> obj("user", obj("id", s.digits(9), "login", handle, "displayName", name,
                    "description", bio, "profileImageURL", s.image("static-cdn.jtvnw.net", "jtv_user_pictures"),
                    "roles", obj("isPartner", s.chance(0.5), "isAffiliate", true),
                    "followers", obj("totalCount", followers), "videos", obj("totalCount", posts),
                    "createdAt", Instant.ofEpochSecond(s.oldEpochSeconds()).toString()));
            case "truthsocial" -> obj("id", s.digits(18), "username", handle, "acct", handle,
                    "display_name", name, "note", "<p>" + bio + "</p>", "url", "https://truthsocial.com/@" + handle,
                    "avatar", s.image("static-assets-1.truthsocial.com", "tmtg/accounts/avatars"),
                    "verified", s.chance(0.3), "locked", false, "followers_count", followers,
                    "following_count", following, "statuses_count", posts,
                    "created_at", Instant.ofEpochSecond(s.oldEpochSeconds()).toString());
            case "snapchat" -> obj("userProfile", obj("$case", "publicProfileInfo", "publicProfileInfo", obj(
                    "username", handle, "title", name, "bio", bio,
                    "profilePictureUrl", s.image("cf-st.sc-cdn.net", "aps/bolt"),
                    "snapcodeImageUrl", "https://app.snapchat.com/web/deeplink/snapcode?username=" + handle,
                    "subscriberCount", Long.toString(followers), "badge", s.chance(0.5) ? 1 : 0,
                    "creationTimestampMs", obj("value", Long.toString(s.oldEpochSeconds() * 1000)),
                    "websiteUrl", "https://example.com/" + handle)));
            default -> linkPage(platform, s, handle);
        };
    }

    /** A link-in-bio page (linktree, linkbio, linkme, komi, pillar) or other passthrough profile-like object. */
    static ObjectNode linkPage(String platform, Seeded s, String handle) {
        return obj("page", obj("id", s.digits(8), "username", handle, "title", s.fullName(),
                "description", s.sentence(), "avatar", s.image("ugc." + platform + ".example", "avatar")),
                "links", arr(
                        obj("title", "My latest video", "url", "https://www.youtube.com/@" + handle, "position", 0),
                        obj("title", "Shop", "url", "https://shop.example.com/" + handle, "position", 1)),
                "socials", arr(obj("type", "instagram", "url", "https://www.instagram.com/" + handle + "/")));
    }

    /** The full payload of a single-post (Post) endpoint with a field map. */
    static ObjectNode post(String platform, Seeded s, String handle) {
        ObjectNode item = postItem(platform, s, handle);
        return switch (platform) {
            case "tiktok" -> obj("aweme_detail", item, "status_code", 0);
            case "instagram" -> obj("data", obj("xdt_shortcode_media", item), "status", "ok");
            case "threads" -> obj("post", item);
            case "twitch", "kick" -> obj("clip", item);
            default -> item;
        };
    }

    /** One post in the platform's raw shape (also the item of its post lists). */
    static ObjectNode postItem(String platform, Seeded s, String handle) {
        long views = s.between(1_000L, 5_000_000L);
        long likes = views * s.between(10, 150) / 1000;
        long comments = likes / s.between(10, 60);
        long shares = likes / s.between(5, 40);
        long saves = likes / s.between(5, 30);
        long published = s.recentEpochSeconds();
        String name = s.fullName();
        String text = s.caption();
        boolean verified = s.chance(0.3);
        return switch (platform) {
            case "tiktok" -> {
                String id = "7" + s.digits(18);
                yield obj("aweme_id", id, "desc", text, "create_time", published,
                        "share_url", "https://www.tiktok.com/@" + handle + "/video/" + id,
                        "author", obj("uid", s.digits(19), "unique_id", handle, "nickname", name,
                                "verified", verified,
                                "avatar_thumb", obj("url_list", arr(s.image("p16-sign-va.tiktokcdn.com", "avt-100")))),
                        "statistics", obj("play_count", views, "digg_count", likes, "comment_count", comments,
                                "share_count", shares, "collect_count", saves),
                        "video", obj("duration", s.between(5_000, 180_000),
                                "cover", obj("url_list", arr(s.image("p16-sign-va.tiktokcdn.com", "cover"))),
                                "play_addr", obj("url_list", arr(s.video("v16-webapp.tiktok.com"),
                                        s.video("v19-webapp.tiktok.com")))));
            }
            case "instagram" -> {
                String code = s.token(11);
                boolean video = s.chance(0.6);
                yield obj("id", s.digits(19), "shortcode", code, "__typename", video ? "XDTGraphVideo" : "XDTGraphImage",
                        "is_video", video, "display_url", s.image("scontent.cdninstagram.com", "v/t51.29350-15"),
                        "thumbnail_src", s.image("scontent.cdninstagram.com", "v/t51.29350-15/s640"),
                        "video_url", video ? s.video("scontent.cdninstagram.com") : null,
                        "video_duration", video ? s.between(5, 90) + 0.5 : null,
                        "video_play_count", video ? views : null, "video_view_count", video ? views / 2 : null,
                        "edge_media_to_caption", obj("edges", arr(obj("node", obj("text", text)))),
                        "edge_media_preview_like", obj("count", likes),
                        "edge_media_to_parent_comment", obj("count", comments, "edges", arr()),
                        "taken_at_timestamp", published,
                        "owner", obj("id", s.digits(10), "username", handle, "full_name", name,
                                "profile_pic_url", s.image("scontent.cdninstagram.com", "v/t51.2885-19"),
                                "is_verified", verified));
            }
            case "youtube" -> {
                String id = s.token(11);
                yield obj("id", id, "type", "video", "title", s.sentence(), "description", text,
                        "url", "https://www.youtube.com/watch?v=" + id,
                        "thumbnail", "https://i.ytimg.com/vi/" + id + "/hqdefault.jpg",
                        "channel", obj("id", "UC" + s.token(22), "title", name, "handle", handle,
                                "thumbnail", s.image("yt3.ggpht.com", "ytc"), "isVerified", verified),
                        "viewCountInt", views, "viewCountText", views + " views", "likeCountInt", likes,
                        "commentCountInt", comments, "lengthSeconds", s.between(30, 3_600),
                        "publishDate", Instant.ofEpochSecond(published).atOffset(ZoneOffset.ofHours(-7)).toString());
            }
            case "facebook" -> obj("post_id", s.digits(16), "url", "https://www.facebook.com/" + handle
                    + "/posts/" + s.token(20), "text", text,
                    "author", obj("id", s.digits(15), "name", name, "short_name", handle,
                            "profile_picture_url", s.image("scontent.xx.fbcdn.net", "v/t39.30808-1"),
                            "is_verified", verified),
                    "reactionCount", likes, "commentCount", comments, "shareCount", shares, "videoViewCount", views,
                    "publishTime", published, "image", s.image("scontent.xx.fbcdn.net", "v/t39.30808-6"),
                    "video", obj("sd_url", s.video("video.xx.fbcdn.net"),
                            "thumbnail", s.image("scontent.xx.fbcdn.net", "v/t15.5256-10"),
                            "length_in_second", s.between(5, 600)));
            case "twitter" -> obj("rest_id", s.digits(19),
                    "core", obj("user_results", obj("result", obj("rest_id", s.digits(18),
                            "is_blue_verified", verified, "legacy", obj("screen_name", handle, "name", name,
                                    "profile_image_url_https", s.image("pbs.twimg.com", "profile_images"))))),
                    "legacy", obj("full_text", text, "lang", "en",
                            "created_at", TWITTER.format(Instant.ofEpochSecond(published)),
                            "favorite_count", likes, "retweet_count", shares, "reply_count", comments,
                            "quote_count", shares / 3, "bookmark_count", saves,
                            "extended_entities", obj("media", arr(obj("type", "photo",
                                    "media_url_https", s.image("pbs.twimg.com", "media"))))),
                    "views", obj("count", Long.toString(views), "state", "EnabledWithCount"));
            case "linkedin" -> obj("id", s.digits(19), "urn", "urn:li:activity:" + s.digits(19),
                    "url", "https://www.linkedin.com/posts/" + handle + "_" + s.token(12), "text", text,
                    "author", obj("name", name, "publicIdentifier", handle, "headline", "Founder at Acme",
                            "image", s.image("media.licdn.com", "dms/image")),
                    "likeCount", likes, "commentCount", comments, "repostCount", shares,
                    "datePublished", Instant.ofEpochSecond(published).toString(),
                    "images", arr(obj("url", s.image("media.licdn.com", "dms/image/feedshare"))));
            case "reddit" -> obj("kind", "t3", "data", obj("id", s.token(6).toLowerCase(Locale.ROOT),
                    "name", "t3_" + s.token(6).toLowerCase(Locale.ROOT), "title", s.sentence(), "selftext", text,
                    "author", handle, "subreddit", "AskReddit", "score", likes, "ups", likes,
                    "num_comments", comments, "created_utc", (double) published,
                    "permalink", "/r/AskReddit/comments/" + s.token(6).toLowerCase(Locale.ROOT) + "/",
                    "url", "https://www.reddit.com/r/AskReddit/", "over_18", false));
            case "threads" -> obj("pk", s.digits(19), "id", s.digits(19) + "_" + s.digits(11), "code", s.token(11),
                    "caption", obj("text", text), "taken_at", published, "like_count", likes,
                    "text_post_app_info", obj("direct_reply_count", comments, "repost_count", shares,
                            "quote_count", shares / 4),
                    "user", obj("pk", s.digits(11), "username", handle, "full_name", name,
                            "profile_pic_url", s.image("scontent.cdninstagram.com", "v/t51.2885-19"),
                            "is_verified", verified),
                    "image_versions2", obj("candidates", arr(obj("url",
                            s.image("scontent.cdninstagram.com", "v/t51.29350-15"), "width", 1080, "height", 1350))),
                    "video_versions", arr());
            case "pinterest" -> obj("id", s.digits(18), "description", text, "grid_title", s.sentence(),
                    "images", obj("236x", obj("url", s.image("i.pinimg.com", "236x")),
                            "orig", obj("url", s.image("i.pinimg.com", "originals"))),
                    "videos", null,
                    "pinner", obj("id", s.digits(18), "username", handle, "full_name", name,
                            "image_medium_url", s.image("i.pinimg.com", "75x75_RS"),
                            "verified_identity", obj("verified", verified)),
                    "reaction_counts", obj("1", likes), "comment_count", comments, "share_count", shares,
                    "aggregated_pin_data", obj("aggregated_stats", obj("saves", saves, "done", 0)),
                    "created_at", RFC_1123.format(Instant.ofEpochSecond(published)));
            case "twitch" -> obj("id", s.token(12), "slug", s.token(30), "title", text,
                    "url", "https://clips.twitch.tv/" + s.token(30),
                    "thumbnailURL", s.image("clips-media-assets2.twitch.tv", "preview"),
                    "durationSeconds", s.between(5, 60), "viewCount", views,
                    "createdAt", Instant.ofEpochSecond(published).toString(),
                    "broadcaster", obj("id", s.digits(9), "login", handle, "displayName", name,
                            "profileImageURL", s.image("static-cdn.jtvnw.net", "jtv_user_pictures"),
                            "roles", obj("isPartner", verified)),
                    "videoQualities", arr(obj("quality", "1080", "frameRate", 60,
                            "sourceURL", s.video("production.assets.clips.twitchcdn.net"))));
            case "truthsocial" -> {
                String id = s.digits(18);
                yield obj("id", id, "created_at", Instant.ofEpochSecond(published).toString(),
                        "url", "https://truthsocial.com/@" + handle + "/" + id, "content", "<p>" + text + "</p>",
                        "replies_count", comments, "reblogs_count", shares, "favourites_count", likes,
                        "account", obj("id", s.digits(18), "username", handle, "display_name", name,
                                "avatar", s.image("static-assets-1.truthsocial.com", "avatars"),
                                "verified", verified),
                        "media_attachments", arr(obj("type", "image",
                                "url", s.image("static-assets-1.truthsocial.com", "media"),
                                "preview_url", s.image("static-assets-1.truthsocial.com", "media/small"))));
            }
            case "kick" -> obj("id", "clip_" + s.token(26), "title", text, "clip_url", s.video("clips.kick.com"),
                    "video_url", s.video("clips.kick.com"), "thumbnail_url", s.image("clips.kick.com", "thumb"),
                    "duration", s.between(5, 60), "views", views, "likes", likes,
                    "created_at", Instant.ofEpochSecond(published).toString(),
                    "channel", obj("id", s.between(1, 9_000_000), "username", name, "slug", handle,
                            "profile_picture", s.image("files.kick.com", "images/user"), "verified", verified));
            default -> obj("id", s.digits(12), "title", s.sentence(), "text", text,
                    "url", "https://www." + platform + ".com/" + handle + "/" + s.token(10),
                    "image", s.image("cdn." + platform + ".example", "img"), "created_at",
                    Instant.ofEpochSecond(published).toString());
        };
    }

    /** One comment in the platform's raw shape. */
    static ObjectNode comment(String platform, Seeded s) {
        String handle = s.handle();
        long likes = s.between(0L, 20_000L);
        long created = s.recentEpochSeconds();
        String text = s.sentence();
        return switch (platform) {
            case "tiktok" -> obj("cid", s.digits(19), "text", text, "create_time", created, "digg_count", likes,
                    "reply_comment_total", s.between(0, 50),
                    "user", obj("uid", s.digits(19), "unique_id", handle, "nickname", s.fullName()));
            case "instagram", "threads" -> obj("pk", s.digits(17), "text", text, "created_at", created,
                    "comment_like_count", likes, "user", obj("username", handle, "is_verified", false));
            case "youtube" -> obj("id", "Ug" + s.token(24), "content", text, "publishedTime", "2 weeks ago",
                    "likes", likes, "replyCount", s.between(0, 40),
                    "author", obj("name", "@" + handle, "channelId", "UC" + s.token(22), "isVerified", false));
            case "reddit" -> obj("kind", "t1", "data", obj("id", s.token(7).toLowerCase(Locale.ROOT), "body", text,
                    "author", handle, "score", likes, "created_utc", (double) created));
            case "facebook" -> obj("id", s.token(24), "text", text, "created_time", created,
                    "reaction_count", likes, "author", obj("name", s.fullName(), "id", s.digits(15)));
            default -> obj("id", s.digits(12), "text", text, "author", handle, "likes", likes,
                    "created_at", Instant.ofEpochSecond(created).toString(), "rating", s.between(1, 5));
        };
    }

    /** One account in the platform's raw user-list shape. */
    static ObjectNode user(String platform, Seeded s) {
        String handle = s.handle();
        long followers = s.between(10L, 5_000_000L);
        return switch (platform) {
            case "tiktok" -> obj("user_info", obj("uid", s.digits(19), "unique_id", handle, "nickname", s.fullName(),
                    "follower_count", followers, "signature", s.sentence()));
            case "threads", "instagram" -> obj("pk", s.digits(11), "username", handle, "full_name", s.fullName(),
                    "is_verified", s.chance(0.2), "follower_count", followers);
            default -> obj("id", s.digits(12), "name", s.fullName(), "handle", handle, "followers", followers,
                    "url", "https://www." + platform + ".com/" + handle);
        };
    }

    private static String abbreviated(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2fM", n / 1_000_000.0);
        }
        if (n >= 1_000) {
            return String.format(Locale.ROOT, "%.1fK", n / 1_000.0);
        }
        return Long.toString(n);
    }
}
