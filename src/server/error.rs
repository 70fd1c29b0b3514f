//! The one error type of the HTTP service, answered as `application/problem+json`
//! (RFC 9457). Titles are Vietnamese, like every message a clerk reads.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use schemars::JsonSchema;
use serde::Serialize;

use crate::error::{Error, Problem};

/// Why a request was not answered with what it asked for.
#[derive(Debug)]
pub enum ApiError {
    /// 400: the body is not JSON, or a parameter is malformed.
    BadRequest(String),
    /// 400: a preview asked for a page beyond the last.
    NoSuchPage { page: usize, pages: usize },
    /// 401: a token is required and was missing or wrong.
    Unauthorized,
    /// 404: no such form.
    UnknownForm(String),
    /// 404: no such route.
    NotFound,
    /// 405: the route exists, not with this method.
    MethodNotAllowed,
    /// 406: the `Accept` header names no format we produce.
    NotAcceptable,
    /// 413: the body exceeds the configured limit.
    TooLarge(usize),
    /// 415: the body is not declared as JSON.
    UnsupportedMediaType,
    /// 422: the case data breaks the regulations or the schema.
    Invalid(Vec<Problem>),
    /// 503: the render queue is full, or a render took too long.
    Overloaded {
        retry_after_secs: u32,
        timed_out: bool,
    },
    /// 409: the request conflicts with what the register holds (a document
    /// already voided).
    Conflict(String),
    /// 404: no document with this id in the register (the route exists).
    NoSuchDocument,
    /// 503: a store the service needs (the register's database) cannot answer.
    Unavailable(String),
    /// 500: a bug on our side (a template that does not compile, a panic).
    /// The cause is logged; the client sees only the request id to quote.
    Internal,
}

/// The body of every error answer.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ProblemDetails {
    /// `about:blank`: the status and title say it all.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Short Vietnamese summary of the problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// More detail, when there is some.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For invalid case data (422): every problem found, field path first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<Problem>>,
    /// For a server error (500): the id of the request in the service's log
    /// (also in the `x-request-id` header), for the administrator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<u64>,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) | Self::NoSuchPage { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::UnknownForm(_) | Self::NotFound | Self::NoSuchDocument => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            Self::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Overloaded { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn details(&self) -> ProblemDetails {
        let (title, detail, errors): (&str, Option<String>, _) = match self {
            Self::BadRequest(why) => ("Yêu cầu không hợp lệ", Some(why.clone()), None),
            Self::NoSuchPage { page, pages } => (
                "Không có trang này",
                Some(format!("văn bản có {pages} trang, không có trang {page}")),
                None,
            ),
            Self::Unauthorized => (
                "Chưa xác thực",
                Some("cần tiêu đề Authorization: Bearer <mã truy cập> hợp lệ".into()),
                None,
            ),
            Self::UnknownForm(id) => (
                "Không có biểu mẫu",
                Some(format!("không có biểu mẫu '{id}'")),
                None,
            ),
            Self::NotFound => ("Không tìm thấy", None, None),
            Self::NoSuchDocument => (
                "Không tìm thấy",
                Some("không có văn bản này trong sổ văn bản đi".into()),
                None,
            ),
            Self::MethodNotAllowed => ("Phương thức không được hỗ trợ", None, None),
            Self::NotAcceptable => (
                "Không có định dạng phù hợp",
                Some("chỉ trả về application/pdf hoặc DOCX".into()),
                None,
            ),
            Self::TooLarge(limit) => (
                "Dữ liệu quá lớn",
                Some(format!("nội dung yêu cầu vượt quá {limit} byte")),
                None,
            ),
            Self::UnsupportedMediaType => (
                "Kiểu nội dung không được hỗ trợ",
                Some("nội dung phải là JSON (Content-Type: application/json)".into()),
                None,
            ),
            Self::Invalid(problems) => ("Dữ liệu hồ sơ không hợp lệ", None, Some(problems.clone())),
            Self::Overloaded { timed_out, .. } => (
                "Máy chủ đang quá tải",
                Some(if *timed_out {
                    "quá thời gian xử lý, vui lòng thử lại sau".into()
                } else {
                    "hàng đợi đã đầy, vui lòng thử lại sau".into()
                }),
                None,
            ),
            Self::Conflict(why) => ("Xung đột với sổ văn bản", Some(why.clone()), None),
            Self::Unavailable(why) => ("Tạm thời không phục vụ được", Some(why.clone()), None),
            Self::Internal => ("Lỗi máy chủ", None, None),
        };
        ProblemDetails {
            kind: "about:blank",
            title: title.to_string(),
            status: self.status().as_u16(),
            detail,
            errors,
            request_id: None,
        }
    }

    /// The answer to a request that failed on our side: the request id, and
    /// nothing about the cause (it is in the log, under the same id).
    pub fn internal(request_id: u64) -> Response {
        let mut details = Self::Internal.details();
        details.detail = Some(format!(
            "lỗi phía máy chủ; khi báo lỗi cho người quản trị, hãy ghi mã yêu cầu {request_id}"
        ));
        details.request_id = Some(request_id);
        problem_response(StatusCode::INTERNAL_SERVER_ERROR, &details)
    }
}

fn problem_response(status: StatusCode, details: &ProblemDetails) -> Response {
    let body = serde_json::to_vec(details).unwrap_or_default();
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        match e {
            Error::Invalid(problems) => Self::Invalid(problems),
            Error::UnknownForm(id) => Self::UnknownForm(id),
            Error::NoSuchPage { page, pages } => Self::NoSuchPage { page, pages },
            // Everything else is a bug on our side, logged with its cause
            // (under the request's id). A template diagnostic may quote the
            // view model, so only where it arose is logged.
            Error::Template(diags) => {
                let at: Vec<String> = diags
                    .iter()
                    .map(|d| {
                        format!(
                            "{}:{}",
                            d.file.as_deref().unwrap_or("?"),
                            d.line.unwrap_or(0)
                        )
                    })
                    .collect();
                tracing::error!(kind = "template", at = %at.join(","), "render failed");
                Self::Internal
            }
            other => {
                tracing::error!(kind = other.kind(), cause = %other, "render failed");
                Self::Internal
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = problem_response(self.status(), &self.details());
        let headers = response.headers_mut();
        match self {
            Self::Overloaded {
                retry_after_secs, ..
            } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            }
            Self::Unauthorized => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        response
    }
}
